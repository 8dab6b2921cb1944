import { describe, expect, it } from 'vitest';
import { EngineInputError } from '../errors/engine-input-error.ts';
import { calculateFnv1a128, clientOrderId } from './client-order-id.ts';
import { sizeOrderIntent } from './order-intents.ts';
import type { DeploymentDecision } from './order-intents.ts';

const decision = (targetWeight: number, kind: DeploymentDecision['kind'] = 'rebalance'): DeploymentDecision => ({ targetWeight, decisionTime: 1_700_000_000_000, kind });

describe('order sizing', () => {
  it('sizes a target with the backtest arithmetic: E = cash + q·open, new quantity = target·E / open', () => {
    const intent = sizeOrderIntent({ cash: 1000, quantity: 0 }, decision(0.5), 20);
    expect(intent).toMatchObject({ side: 'buy', kind: 'rebalance', currentQuantity: 0, targetWeight: 0.5, referencePrice: 20, equityAtOpen: 1000, reducesExposure: false });
    expect(intent?.targetQuantity).toBe((0.5 * 1000) / 20);
    expect(intent?.quantity).toBe(25);
    expect(intent?.notional).toBe(500);
    // Holding 25 at 30: E = 500 + 750 = 1250; target −1 → −1250/30, a flip (not reducing).
    const flip = sizeOrderIntent({ cash: 500, quantity: 25 }, decision(-1), 30);
    expect(flip?.side).toBe('sell');
    expect(flip?.targetQuantity).toBe((-1 * 1250) / 30);
    expect(flip?.quantity).toBe(Math.abs((-1 * 1250) / 30 - 25));
    expect(flip?.reducesExposure).toBe(false);
  });

  it('marks orders that shrink the position toward flat as reducing, and nothing else', () => {
    const long = { cash: 0, quantity: 10 };
    expect(sizeOrderIntent(long, decision(0.5), 100)?.reducesExposure).toBe(true);
    expect(sizeOrderIntent(long, decision(0), 100)?.reducesExposure).toBe(true);
    expect(sizeOrderIntent(long, decision(1.5), 100)?.reducesExposure).toBe(false);
    const short = { cash: 2000, quantity: -10 }; // E = 1000
    expect(sizeOrderIntent(short, decision(-0.5), 100)).toMatchObject({ side: 'buy', reducesExposure: true });
    expect(sizeOrderIntent(short, decision(0.5), 100)?.reducesExposure).toBe(false);
    expect(sizeOrderIntent({ cash: 1000, quantity: 0 }, decision(1), 100)?.reducesExposure).toBe(false);
  });

  it('returns null when there is nothing to trade, and flattens to exactly 0', () => {
    expect(sizeOrderIntent({ cash: 1000, quantity: 0 }, decision(0), 100)).toBeNull();
    expect(sizeOrderIntent({ cash: 1000, quantity: 0 }, decision(0, 'flatten'), 100)).toBeNull();
    expect(sizeOrderIntent({ cash: 10, quantity: 3 }, decision(0, 'flatten'), 100)).toMatchObject({ kind: 'flatten', side: 'sell', quantity: 3, targetQuantity: 0, reducesExposure: true });
  });

  it('names the bad input', () => {
    const field = (action: () => unknown): string | undefined => {
      try {
        action();
      } catch (error) {
        if (error instanceof EngineInputError) return error.field;
      }
      return undefined;
    };
    expect(field(() => sizeOrderIntent({ cash: 1, quantity: 0 }, decision(1), 0))).toBe('price');
    expect(field(() => sizeOrderIntent({ cash: 1, quantity: 0 }, decision(1), Number.NaN))).toBe('price');
    expect(field(() => sizeOrderIntent({ cash: 1, quantity: 0 }, decision(Number.NaN), 1))).toBe('targetWeight');
    expect(field(() => sizeOrderIntent({ cash: 1, quantity: 0 }, decision(1, 'flatten'), 1))).toBe('targetWeight');
    expect(field(() => sizeOrderIntent({ cash: 1, quantity: 0 }, { ...decision(1), decisionTime: Number.NaN }, 1))).toBe('decisionTime');
  });
});

describe('client order id', () => {
  const deploymentId = '0190a5b2-7c3e-7d4f-8a1b-2c3d4e5f6a7b';

  it('is stable, at most 36 venue-safe characters, and shows the decision time and kind', () => {
    const id = clientOrderId(deploymentId, Date.UTC(2024, 0, 1), 'rebalance');
    expect(id).toBe(clientOrderId(deploymentId, Date.UTC(2024, 0, 1), 'rebalance'));
    expect(id).toHaveLength(36);
    expect(id).toMatch(/^[A-Za-z0-9_-]{1,36}$/);
    expect(id.endsWith(`-${Date.UTC(2024, 0, 1).toString(36).padStart(9, '0')}-r`)).toBe(true);
    expect(clientOrderId(deploymentId, 0, 'flatten').endsWith('-000000000-f')).toBe(true);
  });

  it('differs by deployment, decision time and kind', () => {
    const ids = new Set<string>();
    for (const deployment of [deploymentId, '0190a5b2-7c3e-7d4f-8a1b-2c3d4e5f6a7c', 'x']) {
      for (let hour = 0; hour < 50; hour++) {
        for (const kind of ['rebalance', 'flatten'] as const) ids.add(clientOrderId(deployment, Date.UTC(2024, 0, 1, hour), kind));
      }
    }
    expect(ids.size).toBe(3 * 50 * 2);
  });

  it('hashes with FNV-1a 128 (published test vectors)', () => {
    expect(calculateFnv1a128('')).toBe('6c62272e07bb014262b821756295c58d');
    expect(calculateFnv1a128('a')).toBe('d228cb696f1a8caf78912b704e4a8964');
    expect(calculateFnv1a128('foobar')).toBe('343e1662793c64bf6f0d3597ba446f18');
  });

  it('refuses bad input naming the field', () => {
    expect(() => clientOrderId('', 0, 'rebalance')).toThrow(expect.objectContaining({ field: 'deploymentId' }));
    expect(() => clientOrderId('d'.repeat(201), 0, 'rebalance')).toThrow(expect.objectContaining({ field: 'deploymentId' }));
    expect(() => clientOrderId(deploymentId, -1, 'rebalance')).toThrow(expect.objectContaining({ field: 'decisionBarTime' }));
    expect(() => clientOrderId(deploymentId, 1.5, 'rebalance')).toThrow(expect.objectContaining({ field: 'decisionBarTime' }));
    expect(() => clientOrderId(deploymentId, 36 ** 9, 'rebalance')).toThrow(expect.objectContaining({ field: 'decisionBarTime' }));
    expect(() => clientOrderId(deploymentId, 0, 'toString' as 'rebalance')).toThrow(expect.objectContaining({ field: 'kind' }));
  });
});
