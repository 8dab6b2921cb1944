/**
 * The largest base quantity a buy may take at `unitPrice` (quote per base unit, slippage included) with a fee of
 * `feeRate` (fraction of notional) so that `cash` stays ≥ 0 afterwards: the largest `q` with
 * `cash − (q·unitPrice + (q·unitPrice)·feeRate) ≥ 0`, evaluated in exactly that floating-point form — the cost
 * arithmetic of `applyFill` (fill model: notional = q·price, fee = notional·feeRate) and of the backtest kernel, so
 * both paths cap a buy to the same bits (parity). 0 when `cash ≤ 0` (nothing is affordable).
 *
 * Why: a deployment sizes its order at the bar's open (`targetWeight × equity ÷ open`) and pays the open plus slippage
 * plus the fee; a 100 % target from flat would leave cash at about −(slippage + fee) × equity — an overdraft no venue
 * grants (LEAN keeps a free-cash buffer for the same reason; vectorbt's "all cash" size accounts for fees).
 *
 * @param cash quote currency available, any finite number.
 * @param unitPrice > 0, finite.
 * @param feeRate ≥ 0, finite.
 */
export function affordableBuyQuantity(cash: number, unitPrice: number, feeRate: number): number {
  if (!(cash > 0)) return 0;
  let quantity = cash / (unitPrice * (1 + feeRate));
  // The division may round up by an ulp or two: step down until the cost, computed as the fill computes it, fits.
  for (let attempt = 0; attempt < 16 && cash - (quantity * unitPrice + quantity * unitPrice * feeRate) < 0; attempt++) quantity *= 1 - 4 * Number.EPSILON;
  return quantity;
}
