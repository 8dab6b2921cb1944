/**
 * The connector's typed errors. This module does not load ccxt (it takes seconds), so code outside the connectors
 * (the live order path, every CLI command through the services) can test `instanceof` without it; the classification
 * of ccxt's errors, which needs ccxt's classes, is in `classify-exchange-error.ts`, loaded with the connector.
 */
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
