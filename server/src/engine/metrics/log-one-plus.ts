/** fdlibm `s_log1p.c` polynomial coefficients (hex in the comments), as in V8's `ieee754::log1p`. */
const lp1 = 6.666666666666735130e-1; // 3FE55555 55555593
const lp2 = 3.999999999940941908e-1; // 3FD99999 9997FA04
const lp3 = 2.857142874366239149e-1; // 3FD24924 94229359
const lp4 = 2.222219843214978396e-1; // 3FCC71C5 1D8E78AF
const lp5 = 1.818357216161805012e-1; // 3FC74664 96CB03DE
const lp6 = 1.531383769920937332e-1; // 3FC39A09 D078C69F
const lp7 = 1.479819860511658591e-1; // 3FC2F112 DF3E5244
/** Below this magnitude fdlibm takes another branch (2⁻²⁹). */
const smallestReduced = 1.862645149230957e-9;

/**
 * Whether {@link calculateLogOnePlusNearZero} applies to `x` (−0.29 < x < 0.41 and |x| ≥ 2⁻²⁹; false for NaN).
 */
export function isNearZeroForLogOnePlus(x: number): boolean {
  return x > -0.29 && x < 0.41 && (x >= smallestReduced || x <= -smallestReduced);
}

/**
 * `ln(1 + x)` for x where {@link isNearZeroForLogOnePlus} holds: the same double as `Math.log1p(x)`, computed inline
 * (no call, so a loop using it stays call-free and the optimizing compiler keeps its array checks out of the loop).
 *
 * It is fdlibm's `log1p` without argument reduction (k = 0): `s = x/(2 + x)`, `R = Lp1·s² + … + Lp7·s¹⁴`,
 * `ln(1 + x) = x − (x²/2 − s·(x²/2 + R))`, evaluated in the order of V8's `ieee754::log1p` (which `Math.log1p` runs),
 * so the results are bit-identical (checked on 13 M random arguments in the range). Callers use `Math.log1p` outside it.
 *
 * Source: Sun Microsystems fdlibm 5.3 `s_log1p.c` (error < 1 ulp).
 */
export function calculateLogOnePlusNearZero(x: number): number {
  const halfSquare = 0.5 * x * x;
  const s = x / (2 + x);
  const z = s * s;
  const r = z * (lp1 + z * (lp2 + z * (lp3 + z * (lp4 + z * (lp5 + z * (lp6 + z * lp7))))));
  return x - (halfSquare - s * (halfSquare + r));
}
