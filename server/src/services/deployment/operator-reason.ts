import { ValidationError } from '../../domain/errors.ts';

/** Length of the reason every manual control action records (lifecycle-spec FR-027: audited with its reason). */
export const operatorReasonLength = { min: 3, max: 2000 } as const;

/**
 * The operator's reason, trimmed. @throws ValidationError (`reason`) when it is shorter than 3 or longer than 2,000
 * characters.
 */
export function operatorReason(value: string | null | undefined): string {
  const reason = (value ?? '').trim();
  if (reason.length < operatorReasonLength.min || reason.length > operatorReasonLength.max) {
    throw new ValidationError(`reason: say why in ${operatorReasonLength.min}–${operatorReasonLength.max} characters (it is audited)`, 'reason');
  }
  return reason;
}
