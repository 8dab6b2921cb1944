import {
  AuthenticationError,
  BadResponse,
  DuplicateOrderId,
  InsufficientFunds,
  InvalidOrder,
  BadRequest,
  NetworkError,
  OperationRejected,
  OrderNotFound,
  ArgumentsRequired,
  NotSupported,
} from 'ccxt';
import { VenueCredentialsError, VenueUnavailableError } from '../../domain/deployment/venue.ts';
import type { ExchangeVenue } from '../../domain/deployment/venues.ts';
import { DomainError, ValidationError } from '../../domain/errors.ts';

/** The connector operation an error happened in. */
export type ExchangeOperation = 'submitOrder' | 'cancelOrder' | 'fetchOrder' | 'fetchOpenOrders' | 'fetchBalance' | 'fetchOHLCV' | 'loadMarkets';

/**
 * The venue could not be reached or did not answer in time (ccxt NetworkError and its kinds: RequestTimeout,
 * ExchangeNotAvailable, OnMaintenance, DDoSProtection, RateLimitExceeded, InvalidNonce): the outcome is unknown.
 * A {@link VenueUnavailableError}: the deployment becomes DEGRADED, a submitted order `unresolved` until
 * reconciliation reads it by client order id; nothing is retried blindly.
 */
export class ExchangeUnavailableError extends VenueUnavailableError {
  readonly operation: ExchangeOperation;
  constructor(venue: ExchangeVenue, operation: ExchangeOperation, message: string, options?: { cause?: unknown }) {
    super(venue, `${operation}: venue unavailable — ${message}`, options);
    this.name = 'ExchangeUnavailableError';
    this.operation = operation;
  }
}

/**
 * The venue refused a request other than a placement (ccxt InsufficientFunds, InvalidOrder, BadRequest, BadSymbol,
 * OperationRejected, OrderNotFound): nothing was changed. Not retried. (A refused placement is not an error: it
 * comes back as a `rejected` snapshot.)
 */
export class ExchangeRejectedError extends DomainError {
  readonly code = 'CONFLICT' as const;
  readonly venue: ExchangeVenue;
  readonly operation: ExchangeOperation;
  /** Which kind of refusal: `order_not_found` = the venue does not know the order. */
  readonly rejection: 'insufficient_funds' | 'invalid_order' | 'bad_request' | 'order_not_found';
  constructor(venue: ExchangeVenue, operation: ExchangeOperation, rejection: ExchangeRejectedError['rejection'], message: string, options?: { cause?: unknown }) {
    super(`${venue} ${operation}: rejected (${rejection}) — ${message}`);
    if (options) this.cause = options.cause;
    this.name = 'ExchangeRejectedError';
    this.venue = venue;
    this.operation = operation;
    this.rejection = rejection;
  }
}

/**
 * The venue refused the credentials (ccxt AuthenticationError, PermissionDenied, AccountSuspended): wrong or revoked
 * key, missing permission, IP not allowed. A {@link VenueCredentialsError}: nothing was placed; not retried;
 * production is told to fix the key.
 */
export class ExchangeCredentialError extends VenueCredentialsError {
  readonly operation: ExchangeOperation;
  constructor(venue: ExchangeVenue, operation: ExchangeOperation, message: string, options?: { cause?: unknown }) {
    super(venue, `${operation}: credentials refused — ${message}`);
    if (options) this.cause = options.cause;
    this.name = 'ExchangeCredentialError';
    this.operation = operation;
  }
}

/**
 * A credential the venue needs is missing: refused before any request was sent. A {@link VenueCredentialsError};
 * `field` names the first missing one and `fields` all of them (`apiKey`, `secret`).
 */
export class MissingExchangeCredentialError extends VenueCredentialsError {
  readonly operation: ExchangeOperation;
  readonly field: string;
  readonly fields: readonly string[];
  constructor(venue: ExchangeVenue, operation: ExchangeOperation, fields: readonly string[]) {
    super(venue, `${operation}: refused, no request sent — missing credential ${fields.join(', ')}`);
    this.name = 'MissingExchangeCredentialError';
    this.operation = operation;
    this.field = fields[0] ?? 'credentials';
    this.fields = fields;
  }
}

/**
 * A request refused by the connector before anything was sent: bad input (`field` and `rule` name it), a symbol
 * the recorded markets do not have, an order whose symbol is unknown.
 */
export class ExchangeRequestRefusedError extends ValidationError {
  readonly venue: ExchangeVenue;
  readonly operation: ExchangeOperation;
  readonly rule: string;
  constructor(venue: ExchangeVenue, operation: ExchangeOperation, field: string, rule: string, detail: string) {
    super(`${venue} ${operation}: refused, no request sent — ${field}: rule "${rule}" — ${detail}`, field);
    this.name = 'ExchangeRequestRefusedError';
    this.venue = venue;
    this.operation = operation;
    this.rule = rule;
  }
}

/**
 * The venue answered something we cannot read (a malformed response, a server error ccxt does not classify): the
 * outcome is unknown, so it is a {@link VenueUnavailableError} like a timeout (DEGRADED; a submitted order is
 * `unresolved` until reconciliation).
 */
export class UnexpectedExchangeResponseError extends VenueUnavailableError {
  readonly operation: ExchangeOperation;
  constructor(venue: ExchangeVenue, operation: ExchangeOperation, message: string, options?: { cause?: unknown }) {
    super(venue, `${operation}: unexpected answer — ${message}`, options);
    this.name = 'UnexpectedExchangeResponseError';
    this.operation = operation;
  }
}

/**
 * How a failure is handled: `unavailable` (transient, never retried blindly for placements), `rejected`,
 * `credential`, `not_found` (the venue does not know the order), `duplicate` (the venue already has an order with
 * this client order id: it exists, read it), `unexpected`.
 */
export type ExchangeFailureKind = 'unavailable' | 'rejected' | 'credential' | 'not_found' | 'duplicate' | 'unexpected';

/** Binance answers a re-used client order id with -2010 "Duplicate order sent." (ccxt: InvalidOrder). */
const duplicateOrderMessage = /duplicate order sent/i;

/** Classifies a ccxt (or other) error by its ccxt class; the order of the checks matters (subclasses first). */
export function exchangeFailureKind(error: unknown): ExchangeFailureKind {
  if (error instanceof NetworkError) return 'unavailable';
  if (error instanceof BadResponse) return 'unexpected';
  if (error instanceof AuthenticationError) return 'credential';
  if (error instanceof DuplicateOrderId || (error instanceof InvalidOrder && duplicateOrderMessage.test(error.message))) return 'duplicate';
  if (error instanceof OrderNotFound) return 'not_found';
  if (error instanceof InsufficientFunds || error instanceof InvalidOrder || error instanceof BadRequest || error instanceof OperationRejected) return 'rejected';
  if (error instanceof ArgumentsRequired || error instanceof NotSupported) return 'rejected';
  return 'unexpected';
}

/**
 * Our typed error for a failure of `operation` (`not_found` and `duplicate` become rejections here; callers that
 * give them a meaning check {@link exchangeFailureKind} first). Our own errors pass through unchanged.
 */
export function toExchangeError(venue: ExchangeVenue, operation: ExchangeOperation, error: unknown): Error {
  if (error instanceof VenueUnavailableError || error instanceof VenueCredentialsError || error instanceof DomainError) return error;
  const message = error instanceof Error ? error.message : String(error);
  switch (exchangeFailureKind(error)) {
    case 'unavailable':
      return new ExchangeUnavailableError(venue, operation, message, { cause: error });
    case 'credential':
      return new ExchangeCredentialError(venue, operation, message, { cause: error });
    case 'rejected':
    case 'not_found':
    case 'duplicate':
      return new ExchangeRejectedError(venue, operation, rejectionOf(error), message, { cause: error });
    case 'unexpected':
      return new UnexpectedExchangeResponseError(venue, operation, message, { cause: error });
  }
}

function rejectionOf(error: unknown): ExchangeRejectedError['rejection'] {
  if (error instanceof OrderNotFound) return 'order_not_found';
  if (error instanceof InsufficientFunds) return 'insufficient_funds';
  if (error instanceof InvalidOrder) return 'invalid_order';
  return 'bad_request';
}
