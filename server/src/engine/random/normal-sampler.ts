/**
 * Standard normal sampler by the Box–Muller transform (Box & Muller 1958) over a uniform [0, 1)
 * source (e.g. `makeMulberry32(seed)`). Each call returns one N(0, 1) draw; the second value of
 * each pair is cached. Deterministic for a deterministic source.
 */
export function makeStandardNormalSampler(uniform: () => number): () => number {
  let spare = Number.NaN;
  return () => {
    if (spare === spare) {
      const value = spare;
      spare = Number.NaN;
      return value;
    }
    let first = uniform();
    while (first === 0) first = uniform();
    const second = uniform();
    const radius = Math.sqrt(-2 * Math.log(first));
    spare = radius * Math.sin(2 * Math.PI * second);
    return radius * Math.cos(2 * Math.PI * second);
  };
}
