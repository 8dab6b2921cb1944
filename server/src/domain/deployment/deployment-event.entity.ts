import { defineEntity, p } from '@mikro-orm/core';
import { idColumn } from '../columns.ts';
import { deploymentEventCategories, deploymentEventKindNames } from './deployment-event-kinds.ts';
import { DeploymentOrder } from './deployment-order.entity.ts';
import { Deployment } from './deployment.entity.ts';

const DeploymentEventSchema = defineEntity({
  name: 'DeploymentEvent',
  tableName: 'deployment_event',
  properties: {
    id: idColumn(),
    deployment: p.manyToOne(Deployment).deleteRule('no action'),
    /** Clock time of the event (the runner's injected clock). */
    occurredAt: p.datetime(),
    /** Open time of the bar concerned; null when none (a connector error between bars). */
    barAt: p.datetime().nullable(),
    category: p.enum(deploymentEventCategories),
    /** `deployment-event-kinds.ts`. */
    kind: p.enum(deploymentEventKindNames),
    /**
     * The rule that fired, as the engine names it: a pre-trade rule (`pretrade-rules.ts`) or a bar rule
     * (`bar_not_finite`, `bar_out_of_order`, `bar_future_dated` … in `engine/execution/bar-validation.ts`).
     */
    rule: p.string().nullable(),
    /** The limit that was crossed, as the engine states it, in the rule's unit (times and ages: milliseconds). */
    threshold: p.text().nullable(),
    /** The measured value, same unit. */
    measured: p.text().nullable(),
    /** What happened, in a sentence naming the field, row or rule. */
    message: p.text(),
    /** The order concerned, when there is one. */
    order: p.manyToOne(DeploymentOrder).nullable().deleteRule('no action'),
    /** Evidence (the offending bar's values as text, the venue's raw status …); small. */
    evidence: p.json<Record<string, string | number | boolean | null>>().columnType('jsonb').nullable(),
  },
  indexes: [{ properties: ['deployment', 'occurredAt'] }, { properties: ['deployment', 'category', 'occurredAt'] }],
});

/** Something that happened to a deployment besides orders and fills: refusals, data integrity, connector, reconciliation. Append-only. */
export class DeploymentEvent extends DeploymentEventSchema.class {}
DeploymentEventSchema.setClass(DeploymentEvent);
