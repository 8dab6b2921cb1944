/** Parameter values of a run (`ParameterConfig.parameters`, a JSON object) as `name=value` pairs in key order. */
export function formatParameterPairs(parameters: Record<string, unknown>): { name: string; value: string }[] {
  return Object.keys(parameters)
    .sort()
    .map((name) => ({ name, value: formatParameterValue(parameters[name]) }));
}

/** One parameter value: numbers as written, booleans as `true`/`false`, anything else as JSON. */
export function formatParameterValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return String(value);
  return JSON.stringify(value);
}
