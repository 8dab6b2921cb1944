import { describe, expect, it } from 'vitest';
import { calculatePerformanceMetrics } from '../metrics/performance-metrics.ts';
import type { PerformanceMetrics } from '../metrics/performance-metrics.ts';
import type { ParameterSpace, ParameterValues } from '../parameters/parameter-space.ts';
import { parseParameterSpaceValues } from '../parameters/parse-parameters.ts';
import { deriveSeed } from '../random/derive-seed.ts';
import { makeMulberry32 } from '../random/mulberry32.ts';
import { smaCrossoverStrategy } from '../strategies/sma-crossover.strategy.ts';
import { makeGridPoints } from './grid-points.ts';
import { makeLatinHypercubePoints } from './latin-hypercube.ts';
import { runParameterSearch } from './parameter-search.ts';
import type { SearchMethod, TrialEvaluator } from './parameter-search.ts';
import type { SearchObjective } from './search-objective.ts';

const emptyMetrics = calculatePerformanceMetrics(new Float64Array(0), 365);
const metricsWith = (overrides: Partial<PerformanceMetrics>): PerformanceMetrics => ({ ...emptyMetrics, ...overrides });

const planeSpace: ParameterSpace = {
  parameters: [
    { name: 'x', kind: 'float', min: 0, max: 1, default: 0.5, description: 'x' },
    { name: 'y', kind: 'float', min: 0, max: 1, step: 0.01, default: 0.5, description: 'y' },
  ],
  constraints: [],
};
/** Smooth objective peaking at (0.3, 0.7); drawdown worse than −25 % when x > 0.8. */
const planeEvaluator: TrialEvaluator = (parameters: ParameterValues) => {
  const x = parameters.x as number;
  const y = parameters.y as number;
  return { metrics: metricsWith({ sharpe: 2 - 10 * ((x - 0.3) ** 2 + (y - 0.7) ** 2), maxDrawdown: x > 0.8 ? -0.4 : -0.1 }) };
};
/** Any point scores 0 (for searches over spaces without x/y). */
const planeEvaluatorOrZero: TrialEvaluator = () => ({ metrics: metricsWith({ sharpe: 0, maxDrawdown: -0.1 }) });
const maximizeSharpe: SearchObjective = { metric: 'sharpe', direction: 'maximize', constraints: [{ metric: 'maxDrawdown', operator: '>=', value: -0.25 }] };

describe('grid points', () => {
  it('enumerates a small space completely and respects constraints', () => {
    const space: ParameterSpace = {
      parameters: [
        { name: 'fast', kind: 'integer', min: 1, max: 4, default: 1, description: '' },
        { name: 'slow', kind: 'integer', min: 2, max: 5, default: 2, description: '' },
        { name: 'flag', kind: 'boolean', default: false, description: '' },
      ],
      constraints: [{ description: 'fast < slow', left: 'fast', operator: '<', right: 'slow' }],
    };
    const points = makeGridPoints(space, 1000);
    // pairs with fast < slow in 1..4 × 2..5: 4 + 3 + 2 + 1 = 10, × 2 flags
    expect(points).toHaveLength(20);
    expect(points[0].values).toEqual({ fast: 1, slow: 2, flag: false });
  });
  it('thins numeric dimensions to fit the budget with valid grid values', () => {
    const points = makeGridPoints(smaCrossoverStrategy.parameterSpace, 200);
    expect(points.length).toBeLessThanOrEqual(200);
    expect(points.length).toBeGreaterThan(100);
    for (const point of points) expect(() => parseParameterSpaceValues(smaCrossoverStrategy.parameterSpace, point.values)).not.toThrow();
  });
});

describe('latin hypercube', () => {
  it('uses every stratum exactly once per dimension', () => {
    const points = makeLatinHypercubePoints(planeSpace, 50, makeMulberry32(7));
    const strata = points.map((point) => Math.floor(point.units[0] * 50)).sort((a, b) => a - b);
    expect(strata).toEqual(Array.from({ length: 50 }, (_, index) => index));
  });
});

describe(runParameterSearch.name, () => {
  const methods: SearchMethod[] = ['grid', 'random', 'latin_hypercube', 'tree_parzen'];
  for (const method of methods) {
    it(`${method}: is deterministic, stays in budget, records seeds and ranks infeasible last`, () => {
      const first = runParameterSearch(planeSpace, planeEvaluator, { method, budget: 40, seed: 11, objective: maximizeSharpe });
      const second = runParameterSearch(planeSpace, planeEvaluator, { method, budget: 40, seed: 11, objective: maximizeSharpe });
      expect(first.trials.map((trial) => trial.parameters)).toEqual(second.trials.map((trial) => trial.parameters));
      expect(first.trials.length).toBeLessThanOrEqual(40);
      expect(first.trials.length).toBeGreaterThan(20);
      const feasibleFlags = first.ranking.map((index) => first.trials[index].objective.feasible);
      expect(feasibleFlags).toEqual([...feasibleFlags].sort((a, b) => Number(b) - Number(a)));
      expect(feasibleFlags.some((flag) => !flag)).toBe(true); // some x > 0.8 was tried
      expect(first.best?.objective.feasible).toBe(true);
      expect(first.best?.metrics.sharpe).toBe(Math.max(...first.trials.filter((trial) => trial.objective.feasible).map((trial) => trial.metrics.sharpe)));
      if (method === 'random' || method === 'tree_parzen') expect(first.trials[3].seed).toBe(deriveSeed(11, 3));
    });
  }

  it('TPE concentrates near the optimum better than random search (10 seeds)', () => {
    let parzenBest = 0;
    let randomBest = 0;
    let parzenNear = 0;
    let randomNear = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const parzen = runParameterSearch(planeSpace, planeEvaluator, { method: 'tree_parzen', budget: 60, seed, objective: maximizeSharpe });
      const random = runParameterSearch(planeSpace, planeEvaluator, { method: 'random', budget: 60, seed, objective: maximizeSharpe });
      parzenBest += parzen.best?.metrics.sharpe ?? 0;
      randomBest += random.best?.metrics.sharpe ?? 0;
      parzenNear += parzen.trials.filter((trial) => trial.metrics.sharpe > 1.9).length;
      randomNear += random.trials.filter((trial) => trial.metrics.sharpe > 1.9).length;
    }
    expect(parzenNear).toBeGreaterThan(2 * randomNear);
    expect(parzenBest).toBeGreaterThan(randomBest);
  });

  it('never repeats a point: 200 trials of the SMA space are 200 distinct configurations', () => {
    // Seed 4 drew one repeated point in 200 random trials (and TPE with seed 3) before redraws existed.
    const keys = (method: SearchMethod, seed: number) =>
      runParameterSearch(smaCrossoverStrategy.parameterSpace, planeEvaluatorOrZero, { method, budget: 200, seed, objective: maximizeSharpe }).trials.map((trial) => JSON.stringify(trial.parameters));
    for (const [method, seed] of [['random', 4], ['tree_parzen', 3], ['latin_hypercube', 4]] as const) {
      const trials = keys(method, seed);
      expect(trials, method).toHaveLength(200);
      expect(new Set(trials).size, method).toBe(200);
    }
  });

  it('stops early, without duplicates, when the space has fewer distinct points than the budget', () => {
    const tiny: ParameterSpace = { parameters: [{ name: 'x', kind: 'integer', min: 1, max: 3, default: 1, description: '' }, { name: 'flag', kind: 'boolean', default: false, description: '' }], constraints: [] };
    for (const method of ['random', 'tree_parzen', 'latin_hypercube'] as const) {
      const trials = runParameterSearch(tiny, planeEvaluatorOrZero, { method, budget: 20, seed: 3, objective: maximizeSharpe }).trials.map((trial) => JSON.stringify(trial.parameters));
      expect(new Set(trials).size, method).toBe(trials.length);
      expect(trials.length, method).toBe(6);
    }
  });

  it('rejects a bad budget', () => {
    expect(() => runParameterSearch(planeSpace, planeEvaluator, { method: 'random', budget: 0, seed: 1, objective: maximizeSharpe })).toThrow(/budget/);
  });
});
