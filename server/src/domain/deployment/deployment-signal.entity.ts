import { defineEntity, p } from '@mikro-orm/core';
import { doubleColumn } from '../columns.ts';
import { deploymentStages } from './deployment-stage.lifecycle.ts';
import { Deployment } from './deployment.entity.ts';

const DeploymentSignalSchema = defineEntity({
  name: 'DeploymentSignal',
  tableName: 'deployment_signal',
  properties: {
    deployment: p.manyToOne(Deployment).primary().deleteRule('no action'),
    /** Open time of the bar at whose close the target was decided. */
    barAt: p.datetime().primary(),
    /** The template's target position (fraction of equity, signed: 1 = fully long, −1 = fully short, 0 = flat). */
    target: doubleColumn(),
    /** The bar's close, quote per base (what OBSERVE's signal quality is measured from). */
    close: doubleColumn(),
    /** The stage the runner acted in at this bar (after any fail-closed fallback). */
    effectiveStage: p.enum(deploymentStages),
    /** Clock time the bar was received from the feed (its event time is `barAt` + the bar length). */
    receivedAt: p.datetime(),
    /** Clock time the bar was processed. */
    computedAt: p.datetime(),
  },
});

/** The target a deployment's template decided at one bar's close — all OBSERVE records. Immutable (append-only). */
export class DeploymentSignal extends DeploymentSignalSchema.class {}
DeploymentSignalSchema.setClass(DeploymentSignal);
