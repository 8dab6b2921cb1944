/**
 * Errors classified by how they are handled (freqtrade `exceptions.py`, nautilus retry classes).
 *
 * - `DomainError` subclasses are expected failures with a fixed GraphQL `extensions.code`: they are shown to
 *   the caller as they are, and a worker task that hits one marks its work failed without retrying.
 * - `TransientError`: retry with backoff (database restart, serialization failure, exchange timeout).
 * - Anything else is a bug: masked to "Internal error" for callers, logged with its correlation id, retried by
 *   the worker up to the task's attempt limit.
 */
export abstract class DomainError extends Error {
  abstract readonly code: 'BAD_USER_INPUT' | 'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'CONFLICT' | 'RATE_LIMITED';
}

/** Bad input; `field` names the offending input field or parameter. */
export class ValidationError extends DomainError {
  readonly code = 'BAD_USER_INPUT' as const;
  readonly field: string | undefined;
  constructor(message: string, field?: string) {
    super(message);
    this.name = 'ValidationError';
    this.field = field;
  }
}

/**
 * A market-data file refused at import: names the file, the 1-based line number in the file (the header is
 * line 1) and the rule it broke. Nothing of a refused file is stored.
 */
export class MarketDataRejectedError extends ValidationError {
  readonly file: string;
  readonly row: number | null;
  readonly rule: string;
  constructor(file: string, row: number | null, rule: string, detail: string) {
    super(`${file}${row === null ? '' : `, row ${row}`}: rule "${rule}" — ${detail}`, 'file');
    this.name = 'MarketDataRejectedError';
    this.file = file;
    this.row = row;
    this.rule = rule;
  }
}

/** The subject of a request does not exist (or the caller may not know it exists). */
export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND' as const;
  constructor(subject: string, id: string) {
    super(`${subject} ${id} not found`);
    this.name = 'NotFoundError';
  }
}

/** An illegal lifecycle transition or a state that forbids the action. */
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT' as const;
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/**
 * The caller may not perform the action (CASL said no, or a production action lacks a fresh second factor).
 * `reason` is `ROLE` or `STEP_UP_REQUIRED`; nothing was changed.
 */
export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN' as const;
  readonly reason: 'ROLE' | 'STEP_UP_REQUIRED';
  constructor(message: string, reason: 'ROLE' | 'STEP_UP_REQUIRED' = 'ROLE') {
    super(message);
    this.name = 'ForbiddenError';
    this.reason = reason;
  }
}

/** No valid credentials (not signed in, wrong password, expired or revoked token). */
export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED' as const;
  constructor(message = 'sign in first: send a session cookie or an `Authorization: Bearer <token>` header') {
    super(message);
    this.name = 'UnauthenticatedError';
  }
}

/** Too many attempts (sign-in rate limit); retry after `retryAfterSeconds`. */
export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED' as const;
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.name = 'RateLimitedError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Retryable failure: the worker retries with exponential backoff. */
export class TransientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientError';
  }
}
