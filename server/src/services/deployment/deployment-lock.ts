import type { EntityManager } from '@mikro-orm/postgresql';
import { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { strictestTradingState, type TradingState } from '../../domain/deployment/trading-state.lifecycle.ts';

/** The gates a bar job reads besides the deployment: kill switches and the strictest trading state. */
export interface RunnerGates {
  killSwitchOn: boolean;
  /** `scope: reason` of every switch that is on, `; `-separated (empty when none is). */
  killSwitchReason: string;
  /** The stricter of the global and the deployment's trading state. */
  tradingState: TradingState;
}

/** A bar job's deployment, locked, with its gates. */
export interface LockedDeployment {
  deployment: Deployment;
  gates: RunnerGates;
  /** Whether any of its bars was ever refused (invalid, out of order, future-dated): such bars are left out of its target history. */
  hasRefusedBars: boolean;
  /** Whether it ever traded capital: a promotion record moved it from or to PAPER or LIVE (its monitoring then runs on every mark at once). */
  tradedCapital: boolean;
}

/** Bar refusals that keep a bar out of the target history (see target-history.ts). */
export const refusedBarEventKinds = ['invalid_bar', 'out_of_order_bar', 'clock_skew'] as const;

interface GateColumns {
  runner_kill_switches: { scope: string; state: string; reason: string | null }[];
  runner_global_trading_state: TradingState | null;
  runner_refused_bars: boolean;
  runner_traded_capital: boolean;
}

/**
 * Two statements at the start of a bar job's transaction, in the lock order every use-case that changes a gate takes
 * (turning a kill switch on, halting or flattening all trading: the deployments in scope in id order, then the gate
 * row; a promotion: its strategy, its deployment, then the switches FOR SHARE):
 * 1. the deployment row FOR NO KEY UPDATE (a second job of the same deployment, or anyone locking the row to change
 *    it, waits here; a row that only references the deployment — an incident, a notification — is inserted meanwhile
 *    without waiting for the job, nor the job for it);
 * 2. then, in a statement of its own (a snapshot taken once the row is locked: what a use-case that held the row
 *    committed is seen, a strategy's switch it created included), its kill switches (global and its strategy's) and
 *    the global trading state FOR SHARE (a switch turned on concurrently either commits first and is seen, or waits
 *    for this job's commit), whether any of its bars was refused, and whether it ever traded capital.
 * Not one statement: sub-selects of a locking statement run below its row lock, so the gate rows were locked before
 * the deployment row — against a switch being turned on (deployment, then switch) a deadlock (40P01) — and read in
 * the snapshot taken before the wait. Fails closed: without the global trading state or the global kill switch row,
 * the switch counts as on and trading as HALTED.
 * @returns null when no such deployment exists.
 */
export async function lockDeploymentWithGates(em: EntityManager, deploymentId: string): Promise<LockedDeployment | null> {
  const [columns] = await em.execute<Record<string, unknown>[]>('select * from deployment where id = ? for no key update', [deploymentId]);
  if (!columns) return null;
  const [gates] = await em.execute<GateColumns[]>(
    `select (select coalesce(json_agg(json_build_object('scope', k.scope, 'state', k.state, 'reason', k.reason)), '[]'::json)
               from (select scope, state, reason from kill_switch where scope = 'global' or strategy_id = ? for share) k) as runner_kill_switches,
            (select trading_state from global_trading_state where id = 'global' for share) as runner_global_trading_state,
            exists (select 1 from deployment_event e
                     where e.deployment_id = ? and e.category = 'data_integrity' and e.kind in (${refusedBarEventKinds.map(() => '?').join(', ')})) as runner_refused_bars,
            exists (select 1 from promotion_record p
                     where p.deployment_id = ? and (p.from_stage in ('paper', 'live') or p.to_stage in ('paper', 'live'))) as runner_traded_capital`,
    [columns.strategy_id, deploymentId, ...refusedBarEventKinds, deploymentId],
  );
  const { runner_kill_switches: switches, runner_global_trading_state: globalState, runner_refused_bars: hasRefusedBars, runner_traded_capital: tradedCapital } = gates!;
  const deployment = em.map(Deployment, columns);
  if (globalState === null || !switches.some((entry) => entry.scope === 'global')) {
    return { deployment, gates: { killSwitchOn: true, killSwitchReason: 'global: the global kill switch or trading state row is missing', tradingState: 'halted' }, hasRefusedBars, tradedCapital };
  }
  const on = switches.filter((entry) => entry.state === 'on');
  return {
    deployment,
    gates: { killSwitchOn: on.length > 0, killSwitchReason: on.map((entry) => `${entry.scope}: ${entry.reason ?? 'no reason given'}`).join('; '), tradingState: strictestTradingState(globalState, deployment.tradingState) },
    hasRefusedBars,
    tradedCapital,
  };
}
