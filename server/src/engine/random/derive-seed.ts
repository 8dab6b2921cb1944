/**
 * Derive the 32-bit seed of item `index` of a seeded process (e.g. trial `index` of a search with
 * `seed`) with the splitmix32 finalizer, so every trial's randomness is reproducible on its own:
 * `deriveSeed(seed, index)` is stable across engine runs and independent of other trials.
 */
export function deriveSeed(seed: number, index: number): number {
  let mixed = (Math.imul(seed >>> 0, 0x9e3779b1) + Math.imul(index + 1, 0x85ebca77)) >>> 0;
  mixed ^= mixed >>> 16;
  mixed = Math.imul(mixed, 0x21f0aaad);
  mixed ^= mixed >>> 15;
  mixed = Math.imul(mixed, 0x735a2d97);
  mixed ^= mixed >>> 15;
  return mixed >>> 0;
}
