import { ValidationError } from '../errors.ts';

/** Longest reason a cancellation may carry, characters (the API documents the same bound). */
export const cancelReasonMaxCharacters = 10_000;

/**
 * The reason of a cancellation (optimizations, backtest runs, evaluation cycles), trimmed; stored as the row's
 * `failureReason` prefixed with `cancelled: ` and audited.
 * @throws ValidationError naming `reason` when it is empty or longer than {@link cancelReasonMaxCharacters}.
 */
export function parseCancelReason(reason: string): string {
  const trimmed = reason.trim();
  if (!trimmed || trimmed.length > cancelReasonMaxCharacters) throw new ValidationError(`give a reason of 1–${cancelReasonMaxCharacters.toLocaleString('en')} characters`, 'reason');
  return trimmed;
}

/** What a cancelled row keeps in its `failureReason`. */
export const cancelledBecause = (reason: string): string => `cancelled: ${reason}`;
