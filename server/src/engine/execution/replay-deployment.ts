import type { BarFrame } from '../bars/bar-frame.ts';
import type { Trade } from '../backtest/trade.ts';
import { TradeLedger } from '../backtest/trade-ledger.ts';
import { EngineInputError } from '../errors/engine-input-error.ts';
import type { ParameterValues } from '../parameters/parameter-space.ts';
import { parseParameters } from '../parameters/parse-parameters.ts';
import type { StrategyTemplate } from '../strategies/strategy-template.ts';
import type { BarRefusal } from './bar-validation.ts';
import { makeDeploymentAccount } from './deployment-account.ts';
import type { DeploymentAccount, Liquidation } from './deployment-account.ts';
import { stepDeployment } from './deployment-step.ts';
import type { OrderOutcome, StepContext } from './deployment-step.ts';
import { executionBarAt } from './execution-bar.ts';
import type { ExecutionBar } from './execution-bar.ts';
import { assertFillModelConfig } from './fill-model-config.ts';
import type { FillModelConfig } from './fill-model-config.ts';
import type { DeploymentDecision } from './order-intents.ts';

/**
 * How a frame is replayed.
 *
 * - `barDurationMs`: length of one bar, ms (`timeframeMilliseconds(timeframe)`); each bar closes this long after its
 *   open, and the default clock reads that close time when the bar is processed.
 * - `initialEquity`: starting capital in quote currency, > 0, default 1 (the backtest's default).
 * - `context`: the step context of each bar (kill switch, trading state, clock, limits), e.g. a governance
 *   simulation's; default: kill switch off, ACTIVE, clock = the bar's close, freshness limit one bar, no skew
 *   tolerance, no limits. Called once per bar with the bar and the account before it.
 */
export interface ReplayOptions {
  readonly barDurationMs: number;
  readonly initialEquity?: number;
  readonly context?: (index: number, bar: ExecutionBar, account: DeploymentAccount) => StepContext;
}

/** An order of a replay, with the frame row of the bar it was placed at. */
export interface ReplayOrder extends OrderOutcome {
  readonly barIndex: number;
}

/**
 * A replayed deployment, in the shape of the backtest's `SimulationResult` where they overlap.
 *
 * - `equity`, `returns`, `position`: per bar, as `simulateTargets` (a refused bar repeats the last equity with return 0).
 * - `trades`: round trips built from the fills exactly as the backtest builds them (entry/exit times = fill bar opens).
 * - `orders`: every order the deployment wanted (placed or refused), in bar order.
 * - `barRefusals`, `liquidations`: with their frame rows.
 * - `account`: the account after the last bar.
 */
export interface DeploymentReplay {
  readonly equity: Float64Array;
  readonly returns: Float64Array;
  readonly position: Float64Array;
  readonly trades: readonly Trade[];
  readonly orders: readonly ReplayOrder[];
  readonly barRefusals: readonly { readonly barIndex: number; readonly refusal: BarRefusal }[];
  readonly liquidations: readonly { readonly barIndex: number; readonly liquidation: Liquidation }[];
  readonly account: DeploymentAccount;
}

type MutableStepContext = { -readonly [Key in keyof StepContext]: StepContext[Key] };

/**
 * Step a deployment through every bar of `frame` with precomputed `targets` (`targets[t]` decided at the close of row
 * `t`, as `template.computeTargets` writes them): the decision path of a replayed SHADOW deployment and of a
 * whole-history simulation, no I/O. Row 0 only marks; row `t ≥ 1` acts on the decision of the last accepted row before
 * it (normally `t − 1`), then marks.
 *
 * @throws EngineInputError('frame') for an empty frame, ('targets') for a short target array, ('barDurationMs') unless
 *   finite and > 0, ('initialEquity'), naming the bad fill-model field, or ('targetWeight') for a NaN target.
 */
export function replayTargets(frame: BarFrame, targets: Float64Array, config: FillModelConfig, options: ReplayOptions): DeploymentReplay {
  const length = frame.length;
  if (length === 0) throw new EngineInputError('frame', 'the frame has no bars');
  if (targets.length < length) throw new EngineInputError('targets', `targets has ${targets.length} values, the frame has ${length} bars`);
  const barDurationMs = options.barDurationMs;
  if (!(barDurationMs > 0 && barDurationMs < Number.POSITIVE_INFINITY)) throw new EngineInputError('barDurationMs', 'barDurationMs must be a finite number > 0');
  assertFillModelConfig(config);
  let account = makeDeploymentAccount(options.initialEquity ?? 1);
  const contextAt = options.context;
  const defaultContext: MutableStepContext = {
    killSwitchOn: false,
    tradingState: 'ACTIVE',
    nowMs: 0,
    maxBarAgeMs: barDurationMs,
    clockSkewToleranceMs: 0,
    maxNotionalPerOrder: null,
    capitalAllocation: null,
    portfolioEquity: null,
    maxPositionFraction: null,
    availableBalance: null,
  };
  const equity = new Float64Array(length);
  const returns = new Float64Array(length);
  const position = new Float64Array(length);
  const ledger = new TradeLedger();
  const orders: ReplayOrder[] = [];
  const barRefusals: { barIndex: number; refusal: BarRefusal }[] = [];
  const liquidations: { barIndex: number; liquidation: Liquidation }[] = [];
  let decisionRow = -1;
  for (let index = 0; index < length; index++) {
    const bar = executionBarAt(frame, index, barDurationMs);
    let context: StepContext;
    if (contextAt === undefined) {
      defaultContext.nowMs = bar.closeTime;
      context = defaultContext;
    } else {
      context = contextAt(index, bar, account);
    }
    // A target equal to the one in force asks for nothing (the step would skip it): no decision object for it.
    const target = decisionRow < 0 ? account.targetInForce : targets[decisionRow];
    const decision: DeploymentDecision | null =
      target === account.targetInForce ? null : { targetWeight: target, decisionTime: frame.timestamp[decisionRow], kind: 'rebalance' };
    const step = stepDeployment(account, bar, decision, config, context);
    account = step.account;
    if (step.barRefusal !== null) {
      barRefusals.push({ barIndex: index, refusal: step.barRefusal });
      equity[index] = account.liquidated ? 0 : account.equity;
      returns[index] = 0;
      position[index] = account.targetInForce;
      continue;
    }
    decisionRow = index;
    const order = step.order;
    if (order !== null) {
      orders.push({ ...order, barIndex: index });
      const fill = order.fill;
      if (fill !== null && fill.price !== null) ledger.recordFill(bar.time, order.intent.currentQuantity, order.quantityAfter, fill.price, fill.feeRate);
    }
    const liquidation = step.liquidation;
    if (liquidation !== null) {
      liquidations.push({ barIndex: index, liquidation });
      ledger.recordFill(bar.time, liquidation.quantity, 0, liquidation.price, 0);
    }
    const mark = step.mark;
    if (mark !== null) {
      equity[index] = mark.equity;
      returns[index] = mark.returnFraction;
      position[index] = mark.position;
    }
  }
  return { equity, returns, position, trades: ledger.finish(), orders, barRefusals, liquidations, account };
}

/**
 * Replay a template with parameters over a frame: targets from the template's own `computeTargets` over the whole
 * frame (computed once, as `runBacktest` does; templates are causal, so each target equals the one a live runner
 * computes over the bars up to it), then {@link replayTargets}. `parameters` are re-checked with `parseParameters`.
 *
 * @throws EngineInputError naming the parameter, or as {@link replayTargets}.
 */
export function replayDeployment(
  frame: BarFrame,
  template: StrategyTemplate,
  parameters: ParameterValues,
  config: FillModelConfig,
  options: ReplayOptions,
): DeploymentReplay {
  if (frame.length === 0) throw new EngineInputError('frame', 'the frame has no bars');
  const targets = new Float64Array(frame.length);
  template.computeTargets(frame, parseParameters(template, parameters), targets);
  return replayTargets(frame, targets, config, options);
}
