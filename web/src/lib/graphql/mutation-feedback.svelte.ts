import type { CombinedError } from '@urql/core';
import { fieldErrors } from './field-errors.ts';

/**
 * What a page's last mutation told its user (runes): the first error of a refused one with the input field it names
 * (`errorField`, for the input's `aria-invalid`), or a notice of what was done. Shown by `MutationFeedbackAlerts`.
 */
export class MutationFeedback {
  error = $state<string | null>(null);
  errorField = $state<string | null>(null);
  notice = $state<string | null>(null);

  /** Forgets the last error and notice (before the next mutation). */
  clear(): void {
    this.error = null;
    this.errorField = null;
    this.notice = null;
  }

  /** Records a mutation result's first error (message and field) and says whether there was one. */
  failed(result: { error?: CombinedError }): boolean {
    const [first] = fieldErrors(result.error);
    if (!first) return false;
    this.error = first.message;
    this.errorField = first.field;
    return true;
  }
}
