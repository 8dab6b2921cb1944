import { buildPromotionEvidence } from '../src/domain/promotion/build-promotion-evidence.ts';
import { evaluateDemotionTriggers } from '../src/domain/promotion/demotion-triggers.ts';
import type { PromotionTransition } from '../src/domain/promotion/promotion-transitions.ts';
import { evaluatePromotionGates } from '../src/domain/promotion/promotion-gates.ts';
import { defaultPromotionPolicy } from '../src/domain/promotion/promotion-policy.ts';
import { makeSyntheticEvidenceInput } from '../src/domain/promotion/testing/synthetic-deployment-records.ts';

/** Per-call seconds of a piece of work (main.ts `measure`). */
type Measure = (work: () => void, totalSeconds?: number) => { median: number; best: number };

/** The issue-12 budget: gate evaluation for 200 strategies against the full policy. */
const targetMilliseconds = 200;

/**
 * Gate evaluation for 200 strategies against the full default policy (issue 12 budget < 200 ms): 200 synthetic
 * deployments on hourly bars (seeded, planted edge), a third each at OBSERVE (21 days), SHADOW (11 days) and PAPER
 * (21 days) — ~500 signals, ~260 orders and fills and ~500 P&L marks per 21 days. Figures: evidence built from the
 * plain records plus every gate of the deployment's next transition and its demotion triggers (what a promotion
 * sweep does), and the gates alone over prebuilt evidence.
 */
export function benchPromotionGates(measure: Measure): Record<string, unknown>[] {
  const policy = defaultPromotionPolicy;
  const plans: { stage: 'observe' | 'shadow' | 'paper'; days: number; transition: PromotionTransition }[] = [
    { stage: 'observe', days: 21, transition: 'observeToShadow' },
    { stage: 'shadow', days: 11, transition: 'shadowToPaper' },
    { stage: 'paper', days: 21, transition: 'paperToLive' },
  ];
  const subjects = Array.from({ length: 200 }, (_, index) => {
    const plan = plans[index % plans.length];
    return { input: makeSyntheticEvidenceInput(index + 1, { stage: plan.stage, days: plan.days }), transition: plan.transition };
  });
  const records = subjects.reduce((sum, { input }) => sum + input.signals.length + input.orders.length + input.fills.length + input.pnlSnapshots.length, 0);
  let passed = 0;
  let checks = 0;
  const full = measure(() => {
    passed = 0;
    checks = 0;
    for (const { input, transition } of subjects) {
      const evidence = buildPromotionEvidence(input, policy.measurement);
      const result = evaluatePromotionGates(transition, evidence, policy, input.window.endMs);
      evaluateDemotionTriggers(evidence, policy);
      if (result.passed) passed++;
      checks += result.checks.length;
    }
  });
  const prebuilt = subjects.map(({ input, transition }) => ({ evidence: buildPromotionEvidence(input, policy.measurement), transition, nowMs: input.window.endMs }));
  const gatesOnly = measure(() => {
    for (const { evidence, transition, nowMs } of prebuilt) evaluatePromotionGates(transition, evidence, policy, nowMs);
  });
  return [
    {
      figure: 'promotion_gates_200_strategies_ms',
      scope: 'evidence from records + gates + demotion triggers',
      value: full.median * 1000,
      bestValue: full.best * 1000,
      targetMs: targetMilliseconds,
      withinTarget: full.median * 1000 < targetMilliseconds,
      strategies: subjects.length,
      records,
      checks,
      passed,
      policyVersion: policy.version,
    },
    { figure: 'promotion_gates_200_strategies_ms', scope: 'gates only (prebuilt evidence)', value: gatesOnly.median * 1000, bestValue: gatesOnly.best * 1000, targetMs: targetMilliseconds, strategies: subjects.length },
  ];
}
