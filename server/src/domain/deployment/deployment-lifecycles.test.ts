import { describe, expect, it } from 'vitest';
import { deploymentActivationLifecycle } from './deployment-activation.lifecycle.ts';
import { deploymentHealthLifecycle } from './deployment-health.lifecycle.ts';
import { deploymentStageLifecycle, deploymentStages } from './deployment-stage.lifecycle.ts';
import { killSwitchLifecycle } from './kill-switch.lifecycle.ts';
import { isConfirmationTokenValid } from './live-confirmation-token.entity.ts';
import { openOrderStates, orderPathRefusal, orderStateLifecycle, orderStates, type OrderState } from './order-state.lifecycle.ts';
import { strictestTradingState, tradingStateLifecycle, tradingStates } from './trading-state.lifecycle.ts';

const order = (from: OrderState, to: OrderState) => orderStateLifecycle.refusal(from, to, undefined, 'order abc');

describe('order states', () => {
  it('follows NEW → SUBMITTED → ACCEPTED → PARTIALLY_FILLED → FILLED', () => {
    expect(orderPathRefusal(['new', 'submitted', 'accepted', 'partially_filled', 'partially_filled', 'filled'], 'order abc')).toBeNull();
    // A simulated market order filled within its bar, and one whose remainder the participation cap left unfilled.
    expect(orderPathRefusal(['new', 'submitted', 'filled'], 'order abc')).toBeNull();
    expect(orderPathRefusal(['new', 'submitted', 'partially_filled', 'canceled'], 'order abc')).toBeNull();
    // A limit order the bar did not cross.
    expect(orderPathRefusal(['new', 'submitted', 'accepted', 'expired'], 'order abc')).toBeNull();
  });

  it('denies locally only before submission, and an unknown venue status resolves only through reconciliation', () => {
    expect(order('new', 'denied')).toBeNull();
    expect(order('submitted', 'denied')).toBe('order abc cannot go from submitted to denied (allowed: accepted, partially_filled, filled, canceled, rejected, expired, unresolved)');
    expect(order('new', 'filled')).toMatch(/cannot go from new to filled/);
    expect(order('submitted', 'unresolved')).toBeNull();
    for (const to of ['accepted', 'partially_filled', 'filled', 'canceled', 'rejected', 'expired'] as const) expect(order('unresolved', to)).toBeNull();
    expect(order('unresolved', 'new')).toMatch(/cannot go from unresolved to new/);
    expect(orderPathRefusal(['new', 'submitted', 'filled', 'canceled'], 'order abc')).toMatch(/filled to canceled/);
  });

  it('has five terminal states, kept on a repeated update; the others are open', () => {
    const terminal = orderStates.filter((state) => orderStateLifecycle.isTerminal(state));
    expect(terminal).toEqual(['filled', 'canceled', 'rejected', 'expired', 'denied']);
    expect(orderStateLifecycle.onTerminal).toBe('keep');
    expect([...openOrderStates].sort()).toEqual(orderStates.filter((state) => !orderStateLifecycle.isTerminal(state)).sort());
  });
});

describe('trading state', () => {
  it('moves between any two states, refusing a repeat by name', () => {
    for (const from of tradingStates) {
      for (const to of tradingStates) {
        const refusal = tradingStateLifecycle.refusal(from, to, undefined, 'deployment d1');
        if (from === to) expect(refusal).toBe(`deployment d1 is already ${to}`);
        else expect(refusal).toBeNull();
      }
    }
  });

  it('the strictest of global and deployment state applies', () => {
    expect(strictestTradingState('active', 'active')).toBe('active');
    expect(strictestTradingState('active', 'reducing')).toBe('reducing');
    expect(strictestTradingState('halted', 'reducing')).toBe('halted');
    expect(strictestTradingState('reducing', 'halted')).toBe('halted');
  });
});

describe('deployment health, stage, activation and kill switch', () => {
  it('health goes healthy ⇄ degraded', () => {
    expect(deploymentHealthLifecycle.refusal('healthy', 'degraded', undefined, 'deployment d1')).toBeNull();
    expect(deploymentHealthLifecycle.refusal('degraded', 'healthy', undefined, 'deployment d1')).toBeNull();
    expect(deploymentHealthLifecycle.refusal('degraded', 'degraded', undefined, 'deployment d1')).toBe('deployment d1 is already degraded');
  });

  it('a stage is promoted one step at a time and demoted to any safer stage', () => {
    const stage = (from: (typeof deploymentStages)[number], to: (typeof deploymentStages)[number]) => deploymentStageLifecycle.refusal(from, to, undefined, 'deployment d1');
    expect(stage('observe', 'shadow')).toBeNull();
    expect(stage('shadow', 'paper')).toBeNull();
    expect(stage('paper', 'live')).toBeNull();
    expect(stage('observe', 'paper')).toMatch(/one stage up/);
    expect(stage('shadow', 'live')).toMatch(/cannot move from stage shadow to live/);
    for (const to of ['paper', 'shadow', 'observe'] as const) expect(stage('live', to)).toBeNull();
    expect(stage('paper', 'observe')).toBeNull();
  });

  it('activation: paused resumes, retired is final', () => {
    expect(deploymentActivationLifecycle.refusal('active', 'paused', undefined, 'deployment d1')).toBeNull();
    expect(deploymentActivationLifecycle.refusal('paused', 'active', undefined, 'deployment d1')).toBeNull();
    expect(deploymentActivationLifecycle.refusal('pending', 'paused', undefined, 'deployment d1')).toMatch(/allowed: active, retired/);
    expect(deploymentActivationLifecycle.refusal('retired', 'active', undefined, 'deployment d1')).toMatch(/retired is final/);
  });

  it('kill switch: off ⇄ on, a repeat is named', () => {
    expect(killSwitchLifecycle.refusal('off', 'on', undefined, 'the global kill switch')).toBeNull();
    expect(killSwitchLifecycle.refusal('on', 'off', undefined, 'the global kill switch')).toBeNull();
    expect(killSwitchLifecycle.refusal('on', 'on', undefined, 'the global kill switch')).toBe('the global kill switch is already on');
  });

  it('a confirmation token enables LIVE only before it expires and while not revoked', () => {
    const expiresAt = new Date('2026-12-05T12:00:00Z');
    expect(isConfirmationTokenValid({ expiresAt, revokedAt: null }, new Date('2026-12-05T11:59:59Z'))).toBe(true);
    expect(isConfirmationTokenValid({ expiresAt, revokedAt: null }, expiresAt)).toBe(false);
    expect(isConfirmationTokenValid({ expiresAt, revokedAt: new Date('2026-12-05T10:00:00Z') }, new Date('2026-12-05T11:00:00Z'))).toBe(false);
  });
});
