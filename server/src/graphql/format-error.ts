import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { DomainError, ForbiddenError, MarketDataRejectedError, RateLimitedError, ValidationError } from '../domain/errors.ts';
import { newId } from '../domain/ids.ts';
import type { Logger } from '../infra/logger.ts';
import { UploadTooLargeError } from '../services/market-data/parse-ohlcv-off-thread.ts';

/** Error codes the API sends for expected failures; anything else is masked as INTERNAL_SERVER_ERROR. */
const passthroughCodes = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE']);

/**
 * Apollo `formatError`: domain errors keep their message and get their fixed `extensions.code` (plus `field`,
 * `row`, `rule` where known); GraphQL validation errors pass; everything else becomes "Internal error" with a
 * correlation id, and the real error is logged under that id — no SQL or stack traces reach clients.
 */
export function makeFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, raw: unknown): GraphQLFormattedError => {
    const error = unwrapResolverError(raw);
    if (error instanceof DomainError) {
      const extensions: Record<string, unknown> = { code: error.code };
      if (error instanceof ValidationError && error.field) extensions.field = error.field;
      if (error instanceof ForbiddenError) extensions.reason = error.reason;
      if (error instanceof RateLimitedError) extensions.retryAfterSeconds = error.retryAfterSeconds;
      if (error instanceof MarketDataRejectedError) Object.assign(extensions, { file: error.file, row: error.row, rule: error.rule });
      return { message: error.message, locations: formatted.locations, path: formatted.path, extensions };
    }
    // An upload past its limit (importMarketData): named like the HTTP body limit's refusal.
    if (error instanceof UploadTooLargeError) {
      return { message: error.message, locations: formatted.locations, path: formatted.path, extensions: { code: 'PAYLOAD_TOO_LARGE', maxBytes: error.limitBytes } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && passthroughCodes.has(code)) return formatted;
    const correlationId = newId();
    logger.error({ err: error, correlationId, path: formatted.path }, 'internal error in GraphQL operation');
    return {
      message: `Internal error (correlation id ${correlationId})`,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId },
    };
  };
}
