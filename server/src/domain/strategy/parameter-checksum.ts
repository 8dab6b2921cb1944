import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level: the canonical form parameters are hashed in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 (hex) of the canonical JSON of a parameter set: ParameterConfig's dedupe key. */
export function calculateParameterChecksum(parameters: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(parameters)).digest('hex');
}
