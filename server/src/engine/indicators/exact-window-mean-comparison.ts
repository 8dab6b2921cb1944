/**
 * Exact comparison of trailing means on the DECIMAL values of prices.
 *
 * Prices come from text with few decimals (e.g. `3701.23`), so ties between two moving averages
 * are real and floating-point drift must not decide them (DESIGN.md §4). Each double is converted
 * to its shortest round-trip decimal (ECMAScript `Number.prototype.toString`, which reproduces the
 * decimal that was parsed when it had ≤ 15 significant digits) and the sums are compared in
 * BigInt arithmetic. This is slow (≈ µs per value) and meant only for near-ties.
 */

interface ScaledDecimal {
  digits: bigint;
  exponent: number;
}

function parseScaledDecimal(value: number): ScaledDecimal {
  const text = String(value);
  const exponentIndex = text.indexOf('e');
  let mantissa = exponentIndex < 0 ? text : text.slice(0, exponentIndex);
  let exponent = exponentIndex < 0 ? 0 : Number(text.slice(exponentIndex + 1));
  const dotIndex = mantissa.indexOf('.');
  if (dotIndex >= 0) {
    exponent -= mantissa.length - dotIndex - 1;
    mantissa = mantissa.slice(0, dotIndex) + mantissa.slice(dotIndex + 1);
  }
  return { digits: BigInt(mantissa), exponent };
}

/**
 * Sign of `mean(values[end-firstLength+1 .. end]) − mean(values[end-secondLength+1 .. end])`,
 * computed exactly as `sign(secondLength·Σfirst − firstLength·Σsecond)` over the decimal values.
 *
 * @returns `1`, `0` or `-1`; `NaN` when a value in either window is not finite.
 */
export function calculateExactWindowMeanSign(values: Float64Array, end: number, firstLength: number, secondLength: number): number {
  const longest = Math.max(firstLength, secondLength);
  const start = end - longest + 1;
  const decimals: ScaledDecimal[] = [];
  let minimumExponent = 0;
  for (let index = start; index <= end; index++) {
    const value = values[index];
    if (!Number.isFinite(value)) return Number.NaN;
    const decimal = parseScaledDecimal(value);
    if (decimal.exponent < minimumExponent) minimumExponent = decimal.exponent;
    decimals.push(decimal);
  }
  let firstSum = 0n;
  let secondSum = 0n;
  for (let offset = 0; offset < decimals.length; offset++) {
    const decimal = decimals[offset];
    const scaled = decimal.digits * 10n ** BigInt(decimal.exponent - minimumExponent);
    const distanceFromEnd = longest - 1 - offset;
    if (distanceFromEnd < firstLength) firstSum += scaled;
    if (distanceFromEnd < secondLength) secondSum += scaled;
  }
  const difference = BigInt(secondLength) * firstSum - BigInt(firstLength) * secondSum;
  return difference > 0n ? 1 : difference < 0n ? -1 : 0;
}

/** Relative band inside which a floating-point comparison of window sums is re-done exactly. */
export const nearTieRelativeTolerance = 1e-9;

/**
 * Sign of `mean(first window) − mean(second window)` ending at `end`, from precomputed trailing
 * sums (`firstSum` over `firstLength` values, `secondSum` over `secondLength`). Uses the fast
 * floating comparison `secondLength·firstSum` vs `firstLength·secondSum` and falls back to
 * {@link calculateExactWindowMeanSign} when the two are within a relative 1e-9 of each other.
 *
 * @returns `1`, `0` or `-1`; `NaN` when a sum is NaN.
 */
export function calculateWindowMeanSign(
  values: Float64Array,
  end: number,
  firstSum: number,
  firstLength: number,
  secondSum: number,
  secondLength: number,
): number {
  const left = firstSum * secondLength;
  const right = secondSum * firstLength;
  const difference = left - right;
  if (difference !== difference) return Number.NaN;
  if (Math.abs(difference) > nearTieRelativeTolerance * (Math.abs(left) + Math.abs(right))) return difference > 0 ? 1 : -1;
  return calculateExactWindowMeanSign(values, end, firstLength, secondLength);
}
