/**
 * Thrown by the engine when its caller passes invalid input (bad parameter, mismatched column
 * lengths, unknown template id, empty series where one is required, …).
 *
 * `field` names the offending input: a parameter name (`'fastPeriod'`), a column (`'close'`),
 * an option (`'feeBps'`) or an argument (`'template'`, `'returns'`). The message states the rule
 * that was broken, so it can be shown to a user as-is.
 */
export class EngineInputError extends Error {
  /** The parameter, column, option or argument that failed validation. */
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = 'EngineInputError';
    this.field = field;
  }
}
