import { orderPathRefusal, type OrderState } from './order-state.lifecycle.ts';

/** What the fill model decided for one simulated order (the engine's `FillResult.state` and filled quantity). */
export interface SimulatedOrderOutcome {
  state: 'FILLED' | 'CANCELED' | 'EXPIRED';
  filledQuantity: number;
}

/**
 * The states a simulated order passes through within its bar, ending in its final state, checked against the order
 * machine:
 * - `shadow`: new → submitted → (partially_filled →) filled | canceled | expired (no venue, nothing acknowledges it);
 * - `paper`: new → submitted → accepted (the paper order store holds it) → (partially_filled →) final.
 * A market order the participation cap left partly unfilled ends `canceled` (immediate-or-cancel) after
 * `partially_filled`; a limit order the bar did not reach ends `expired`.
 * @throws Error when the path is not allowed by the order machine (a bug).
 */
export function simulatedOrderPath(venue: 'shadow' | 'paper', outcome: SimulatedOrderOutcome): OrderState[] {
  const path: OrderState[] = venue === 'paper' ? ['new', 'submitted', 'accepted'] : ['new', 'submitted'];
  const final: OrderState = outcome.state === 'FILLED' ? 'filled' : outcome.state === 'CANCELED' ? 'canceled' : 'expired';
  if (final !== 'filled' && outcome.filledQuantity > 0) path.push('partially_filled');
  path.push(final);
  const refusal = orderPathRefusal(path, `${venue} order`);
  if (refusal !== null) throw new Error(refusal);
  return path;
}
