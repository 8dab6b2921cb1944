import { describe, expect, it } from 'vitest';
import { backtestRunLifecycle, backtestRunStatuses } from '../backtest/backtest-run.lifecycle.ts';
import { evaluationCycleLifecycle } from '../cycle/evaluation-cycle.lifecycle.ts';
import { evaluationCycleStatuses } from '../cycle/evaluation-cycle.entity.ts';
import { incidentLifecycle } from '../monitoring/incident.lifecycle.ts';
import { incidentStatuses } from '../monitoring/monitoring-incident.entity.ts';
import { optimizationLifecycle, optimizationStatuses } from '../optimization/optimization.lifecycle.ts';
import { simulationRunLifecycle, simulationRunStatuses } from '../simulation/simulation-run.lifecycle.ts';
import { lifecycleStates } from '../strategy/strategy.entity.ts';
import { strategyLifecycle } from '../strategy/strategy.lifecycle.ts';
import { approvalStatuses } from '../strategy/strategy-version.entity.ts';
import { versionApprovalLifecycle } from '../strategy/version-approval.lifecycle.ts';
import { defineStateMachine } from './state-machine.ts';

type Light = 'green' | 'amber' | 'red' | 'off';
const light = defineStateMachine<Light, { fault: boolean }>({
  transitions: { green: ['amber', 'off'], amber: ['red', 'off'], red: ['green', 'off'], off: [] },
  onTerminal: 'refuse',
  guard: ({ to }, evidence) => (to === 'green' && evidence.fault ? 'green needs a working lamp' : null),
});

describe('defineStateMachine', () => {
  it('allows exactly the moves of the table, with the default refusal naming the subject', () => {
    expect(light.refusal('green', 'amber', { fault: false }, 'light 7')).toBeNull();
    expect(light.refusal('green', 'red', { fault: false }, 'light 7')).toBe('light 7 cannot go from green to red');
    expect(light.refusal('amber', 'amber', { fault: false }, 'light 7')).toBe('light 7 cannot go from amber to amber');
  });

  it('asks the guard only for moves the table allows', () => {
    expect(light.refusal('red', 'green', { fault: true }, 'light 7')).toBe('green needs a working lamp');
    expect(light.refusal('red', 'green', { fault: false }, 'light 7')).toBeNull();
    expect(light.refusal('amber', 'green', { fault: true }, 'light 7')).toBe('light 7 cannot go from amber to green');
  });

  it('knows its states and which are terminal', () => {
    expect(light.states).toEqual(['green', 'amber', 'red', 'off']);
    expect(light.states.filter((state) => light.isTerminal(state))).toEqual(['off']);
    expect(light.refusal('off', 'green', { fault: false }, 'light 7')).toBe('light 7 cannot go from off to green');
  });

  it('uses a custom refusal for illegal moves, which sees the allowed targets', () => {
    const machine = defineStateMachine<Light>({
      transitions: { green: ['amber'], amber: ['red'], red: ['green'], off: [] },
      onTerminal: 'keep',
      illegal: ({ from, to, allowed, subject }) => `${subject}: ${from} → ${to} refused (allowed: ${allowed.join(', ') || 'none'})`,
    });
    expect(machine.refusal('green', 'red', undefined, 'L')).toBe('L: green → red refused (allowed: amber)');
    expect(machine.refusal('off', 'red', undefined, 'L')).toBe('L: off → red refused (allowed: none)');
  });

  it('rejects a table that leads to an undeclared state', () => {
    expect(() => defineStateMachine<'a' | 'b'>({ transitions: { a: ['b'], b: ['c' as 'a'] }, onTerminal: 'refuse' })).toThrow(/b → c leads to an unknown state/);
  });
});

describe('the platform lifecycles', () => {
  it('each covers exactly the states its entity stores', () => {
    expect([...backtestRunLifecycle.states].sort()).toEqual([...backtestRunStatuses].sort());
    expect([...optimizationLifecycle.states].sort()).toEqual([...optimizationStatuses].sort());
    expect([...evaluationCycleLifecycle.states].sort()).toEqual([...evaluationCycleStatuses].sort());
    expect([...simulationRunLifecycle.states].sort()).toEqual([...simulationRunStatuses].sort());
    expect([...strategyLifecycle.states].sort()).toEqual([...lifecycleStates].sort());
    expect([...incidentLifecycle.states].sort()).toEqual([...incidentStatuses].sort());
    expect([...versionApprovalLifecycle.states].sort()).toEqual([...approvalStatuses].sort());
  });

  it('job-driven machines keep repeated moves of finished work; decisions refuse them', () => {
    for (const machine of [backtestRunLifecycle, simulationRunLifecycle, optimizationLifecycle, evaluationCycleLifecycle]) expect(machine.onTerminal).toBe('keep');
    for (const machine of [strategyLifecycle, incidentLifecycle, versionApprovalLifecycle]) expect(machine.onTerminal).toBe('refuse');
    expect(backtestRunLifecycle.refusal('running', 'running', undefined, 'run r')).toBeNull();
    expect(backtestRunLifecycle.refusal('queued', 'completed', undefined, 'backtest run r')).toBe('backtest run r cannot go from queued to completed');
    expect(evaluationCycleLifecycle.refusal('queued', 'completed', undefined, 'cycle c')).toBe('cycle c cannot go from queued to completed');
  });

  it('queued work: optimizations and evaluation cycles may fail while queued, backtest runs and simulations may not', () => {
    for (const machine of [optimizationLifecycle, evaluationCycleLifecycle]) expect(machine.refusal('queued', 'failed', undefined, 'work w')).toBeNull();
    for (const machine of [backtestRunLifecycle, simulationRunLifecycle]) expect(machine.refusal('queued', 'failed', undefined, 'work w')).toBe('work w cannot go from queued to failed');
    for (const machine of [backtestRunLifecycle, simulationRunLifecycle, optimizationLifecycle, evaluationCycleLifecycle]) {
      expect(machine.transitions.running).toEqual(['running', 'completed', 'failed', 'cancelled']);
      expect(machine.states.filter((state) => machine.isTerminal(state))).toEqual(['completed', 'failed', 'cancelled']);
    }
  });

  it('says why a decision or an incident move is refused', () => {
    expect(versionApprovalLifecycle.refusal('approved', 'rejected', undefined, 'version v2')).toBe('version v2 is already approved; a decision is final');
    expect(versionApprovalLifecycle.refusal('pending', 'approved', undefined, 'version v2')).toBeNull();
    expect(incidentLifecycle.refusal('in_review', 'closed', undefined, 'incident')).toBe('an incident that is in_review cannot move to closed (allowed: resolved)');
    expect(incidentLifecycle.refusal('closed', 'resolved', undefined, 'incident')).toBe('an incident that is closed cannot move to resolved (closed is final)');
  });
});
