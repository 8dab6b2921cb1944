import { defineTask, type TaskDependencies } from '../run-task.ts';

/** `record_promotion_candidates` (queued by a completed evaluation cycle): the FR-005 candidate rule's verdicts on the latest scorecard date, recorded once. */
export const makeRecordPromotionCandidatesTask = (dependencies: TaskDependencies) =>
  defineTask('record_promotion_candidates', dependencies, async ({ services, helpers }) => {
    const run = await services.promotionCandidates.recordCandidates();
    if (run.unavailable) helpers.logger.warn(`promotion candidates not assessed: ${run.unavailable}`);
    else helpers.logger.info(`promotion candidates for ${run.evaluationDate ?? 'no date'}: ${run.qualified.length} qualified, ${run.refused.length} refused`);
  });
