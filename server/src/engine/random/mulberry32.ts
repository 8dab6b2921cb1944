/**
 * mulberry32: a small, fast 32-bit seeded PRNG (Tommy Ettinger, public domain). Returns a function
 * producing uniform numbers in [0, 1) with 2⁻³² resolution. Same seed → same sequence.
 */
export function makeMulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}
