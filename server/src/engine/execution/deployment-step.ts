import { validateBar } from './bar-validation.ts';
import type { BarRefusal } from './bar-validation.ts';
import { applyFill, liquidateAccount, markAccount, markLiquidatedAtOpen, withTargetInForce } from './deployment-account.ts';
import type { DeploymentAccount, EquityMark, Liquidation } from './deployment-account.ts';
import type { ExecutionBar } from './execution-bar.ts';
import type { FillModelConfig } from './fill-model-config.ts';
import { fillOrder, limitPriceFor, referencePrice } from './fill-model.ts';
import type { FillResult, SimulatedOrder } from './fill-model.ts';
import { capBuyToCash, sizeOrderIntent } from './order-intents.ts';
import type { DeploymentDecision, OrderIntent } from './order-intents.ts';
import { checkPreTrade } from './pre-trade-checks.ts';
import type { PreTradeLimits, PreTradeVerdict, TradingState } from './pre-trade-checks.ts';

/**
 * What one step reads besides account, bar, decision and fill model: the pre-trade limits plus
 *
 * - `killSwitchOn`, `tradingState`: as in `PreTradeContext`.
 * - `nowMs`: the injected clock at processing, ms since the epoch (freshness is `nowMs − bar.closeTime`).
 * - `maxBarAgeMs`: the freshness limit, ms.
 * - `clockSkewToleranceMs`: how far the bar's close may lie after `nowMs`, ms (see `validateBar`).
 */
export interface StepContext extends PreTradeLimits {
  readonly killSwitchOn: boolean;
  readonly tradingState: TradingState;
  readonly nowMs: number;
  readonly maxBarAgeMs: number;
  readonly clockSkewToleranceMs: number;
}

/**
 * One order the step wanted: the intent, the pre-trade verdict, and — when allowed — the order handed to the fill
 * model and its fill (null for an order a venue fills: `execution` = `venue`). A refused intent (`check.allowed`
 * false) has `order` and `fill` null: it is recorded as DENIED.
 */
export interface OrderOutcome {
  readonly intent: OrderIntent;
  readonly check: PreTradeVerdict;
  readonly order: SimulatedOrder | null;
  readonly fill: FillResult | null;
  /** Signed base units held right after the fill (before any liquidation at the close); the intent's current quantity when nothing filled. */
  readonly quantityAfter: number;
}

/**
 * Result of {@link stepDeployment}.
 *
 * - `account`: the account after the bar (unchanged when the bar was refused).
 * - `barRefusal`: why the bar was refused (then nothing else happened: no order, no mark), else null.
 * - `order`: the bar's order, if the decision called for one (at most one per bar).
 * - `liquidation`: a forced close at this bar's open or close, else null.
 * - `mark`: the P&L mark at the bar's close (null only for a refused bar).
 */
export interface StepResult {
  readonly account: DeploymentAccount;
  readonly barRefusal: BarRefusal | null;
  readonly order: OrderOutcome | null;
  readonly liquidation: Liquidation | null;
  readonly mark: EquityMark | null;
}

/**
 * Process one closed bar of a SHADOW or PAPER deployment (DEPLOYMENT-DESIGN timing = the backtest's,
 * `simulateTargets`). The bar is first checked by `validateBar` (against the account's previous bar and the clock); a
 * refused bar changes nothing. Then, in order:
 *
 * 1. Liquidation at the open when `cash + quantity × open ≤ 0` (the backtest's rule; the decision is dropped).
 * 2. `decision` — the target decided at the CLOSE of the previous bar — is acted on at this bar's OPEN when its target
 *    differs from the target in force (a `flatten` always acts): `sizeOrderIntent` at the open, the cash floor
 *    (`capBuyToCash`: a buy takes no more than cash pays at the worst fill price the config allows — a market order's
 *    slipped reference price, a limit order's limit — and the higher fee, so cash stays ≥ 0 after the fill; the
 *    reduction is recorded on the intent as `cashCap`; nothing affordable → refused `available_balance`), `checkPreTrade`
 *    (freshness measured from this bar's close to `nowMs`), and if allowed `fillOrder` against this bar with
 *    `config` (market, or limit `limitOffsetBps` from the open) and `applyFill`. A refused order leaves the old target
 *    in force, so the next bar sizes a fresh one; a placed order puts its target in force whatever its fill (a
 *    partial fill's remainder is never re-ordered). A zero-size order just puts the target in force (as the backtest).
 * 3. Mark at the CLOSE (`markAccount`), liquidating at ≤ 0.
 *
 * Computing the next target (`template.computeTargets` over the bars so far) is the caller's, after the step; OBSERVE
 * does not call the step for orders. With no participation cap, no latency, market orders, `takerFeeBps` = the
 * backtest's `feeBps` and the same `slippageBps`, stepping every bar of a frame reproduces `simulateTargets` with
 * `cashFloor: true` exactly (equity, trades; `replayTargets` and its parity test).
 *
 * With `execution` = `venue` (LIVE: a real exchange fills the order, not the model) an allowed order is returned with
 * `fill` null and the account only gets the order's target in force; the venue's fills are applied later, when they
 * are known, with {@link applyFill}. The mark at the close then shows the position before those fills.
 *
 * @param decision the previous bar's decision, or null (first bar, OBSERVE, nothing decided).
 * @param config a config that passed `assertFillModelConfig`.
 * @param execution `simulated` (SHADOW, PAPER: the fill model fills) or `venue` (LIVE: nothing is filled here).
 * @throws EngineInputError from `sizeOrderIntent` for a non-finite target.
 */
export function stepDeployment(
  account: DeploymentAccount,
  bar: ExecutionBar,
  decision: DeploymentDecision | null,
  config: FillModelConfig,
  context: StepContext,
  execution: 'simulated' | 'venue' = 'simulated',
): StepResult {
  const barRefusal = validateBar(bar, { previousBarTime: account.lastBarTime, nowMs: context.nowMs, clockSkewToleranceMs: context.clockSkewToleranceMs });
  if (barRefusal !== null) return { account, barRefusal, order: null, liquidation: null, mark: null };
  if (!account.liquidated && account.quantity !== 0 && account.cash + account.quantity * bar.open <= 0) {
    const liquidated = liquidateAccount(account, bar.time);
    const liquidation: Liquidation = { at: 'open', price: bar.open, quantity: account.quantity };
    return { account: liquidated, barRefusal: null, order: null, liquidation, mark: markLiquidatedAtOpen(liquidated, bar) };
  }
  let current = account;
  let order: OrderOutcome | null = null;
  if (decision !== null && !current.liquidated && (decision.kind === 'flatten' || decision.targetWeight !== current.targetInForce)) {
    const sized = sizeOrderIntent(current, decision, bar.open);
    if (sized === null) {
      current = withTargetInForce(current, decision.targetWeight);
    } else {
      // Cash floor: a buy takes no more than cash pays at the worst price the fill model allows and the higher fee.
      const limitPrice = config.orderType === 'limit' ? limitPriceFor(sized.side, bar.open, config.limitOffsetBps) : null;
      const intent = capBuyToCash(sized, current.cash, worstBuyPrice(bar, config, limitPrice), Math.max(config.takerFeeBps, config.orderType === 'limit' ? config.makerFeeBps : 0) / 10_000);
      // Nothing affordable: the other rules first (a kill switch or a trading state says why before the cash does).
      const preTrade = checkPreTrade(intent.quantity > 0 ? intent : sized, { ...context, lastBarCloseMs: bar.closeTime });
      const check = intent.quantity > 0 || !preTrade.allowed ? preTrade : noCashVerdict(sized, current.cash);
      if (check.allowed) {
        const simulated: SimulatedOrder =
          config.orderType === 'market'
            ? { side: intent.side, type: 'market', quantity: intent.quantity }
            : { side: intent.side, type: 'limit', quantity: intent.quantity, limitPrice: limitPrice! };
        if (execution === 'venue') {
          current = withTargetInForce(current, intent.targetWeight);
          order = { intent, check, order: simulated, fill: null, quantityAfter: current.quantity };
        } else {
          const fill = fillOrder(simulated, bar, config);
          current = applyFill(current, intent, fill);
          order = { intent, check, order: simulated, fill, quantityAfter: current.quantity };
        }
      } else {
        order = { intent: intent.quantity > 0 ? intent : sized, check, order: null, fill: null, quantityAfter: intent.currentQuantity };
      }
    }
  }
  const marked = markAccount(current, bar);
  return { account: marked.account, barRefusal: null, order, liquidation: marked.liquidation, mark: marked.mark };
}

/**
 * The highest price a buy can fill at under `config` in `bar` (quote per base unit): a market order's slipped
 * reference price (`fillOrder`: the open, or the open→close path after the latency, × (1 + slippage)); a limit order
 * never pays more than its limit (a marketable one fills at min(slipped reference, limit)).
 */
function worstBuyPrice(bar: ExecutionBar, config: FillModelConfig, limitPrice: number | null): number {
  return limitPrice ?? referencePrice(bar, config.latencyMs) * (1 + config.slippageBps / 10_000);
}

/** A buy with no cash left to pay for any of it (cash ≤ 0): refused as `available_balance` (recorded as DENIED). */
function noCashVerdict(intent: OrderIntent, cash: number): PreTradeVerdict {
  return {
    allowed: false,
    refusal: { rule: 'available_balance', threshold: cash, measured: intent.notional, reason: `the buy needs ${intent.notional} in quote currency plus slippage and fees; cash is ${cash}, nothing of it is affordable (cash floor)` },
  };
}
