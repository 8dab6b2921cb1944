/** fdlibm `s_log1p.c` polynomial coefficients (hex in the comments), as in V8's `ieee754::log1p`. */
const lp1 = 6.666666666666735130e-1; // 3FE55555 55555593
const lp2 = 3.999999999940941908e-1; // 3FD99999 9997FA04
const lp3 = 2.857142874366239149e-1; // 3FD24924 94229359
const lp4 = 2.222219843214978396e-1; // 3FCC71C5 1D8E78AF
/** Below this magnitude fdlibm takes another branch (2⁻²⁹). */
export const smallestReduced = 1.862645149230957e-9;
/** Magnitude below which {@link calculateLogOnePlusSmall} applies (2⁻⁵). */
export const smallReturnLimit = 0.03125;

/**
 * `ln(1 + x)` for 2⁻²⁹ ≤ |x| < 2⁻⁵ (an hourly return almost always, a daily one often), computed inline (no call, so a
 * loop using it stays call-free and the optimizing compiler keeps its array checks out of the loop).
 *
 * It is fdlibm's `log1p` without argument reduction (k = 0): `s = x/(2 + x)`, `R = Lp1·s² + … + Lp4·s⁸`,
 * `ln(1 + x) = x − (x²/2 − s·(x²/2 + R))` as V8's `ieee754::log1p` evaluates it, but with R by Estrin's scheme
 * (`z·((Lp1 + z·Lp2) + z²·(Lp3 + z·Lp4))`, z = s², not Horner's) and the series cut after `Lp4`: with |s| < 2⁻⁶·1.02 the
 * terms left out (`s·(Lp5·s¹⁰ + Lp6·s¹² + Lp7·s¹⁴)`) are below 2⁻⁶⁰ of the result, and R enters the result scaled by
 * |s| < 2⁻⁵·1.02, so its different rounding moves the result far below its last bit: within one ulp of `Math.log1p(x)`
 * (a test checks it on random arguments). Callers use `Math.log1p` outside the range.
 *
 * Source: Sun Microsystems fdlibm 5.3 `s_log1p.c` (error < 1 ulp).
 */
export function calculateLogOnePlusSmall(x: number): number {
  const halfSquare = 0.5 * x * x;
  const s = x / (2 + x);
  const z = s * s;
  // Estrin's scheme: the two halves of the polynomial are independent, so its chain of dependent operations is shorter
  // than Horner's (the hot loop that calls this waits on it)
  const z2 = z * z;
  const r = z * (lp1 + z * lp2 + z2 * (lp3 + z * lp4));
  return x - (halfSquare - s * (halfSquare + r));
}
