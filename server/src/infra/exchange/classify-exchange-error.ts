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
import { DomainError } from '../../domain/errors.ts';
import {
  ExchangeCredentialError,
  ExchangeRejectedError,
  ExchangeUnavailableError,
  UnexpectedExchangeResponseError,
  type ExchangeOperation,
} from './exchange-errors.ts';

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
