import { defineEntity, p } from '@mikro-orm/core';
import { ohlcvColumns } from '../columns.ts';
import { Deployment } from './deployment.entity.ts';

const DeploymentBarSchema = defineEntity({
  name: 'DeploymentBar',
  tableName: 'deployment_bar',
  properties: {
    deployment: p.manyToOne(Deployment).primary().deleteRule('no action'),
    /** Bar open time (UTC), as the venue dates it. */
    barAt: p.datetime().primary(),
    ...ohlcvColumns(),
    /** Clock time the bar was received from the venue. */
    receivedAt: p.datetime(),
  },
});

/**
 * A bar a live feed delivered and the deployment accepted (the warm-up prefix fetched at start included): the history
 * its template computes targets over, kept so every target can be recomputed exactly. Replays read `market_bar`
 * instead. Prices in quote per base. Immutable (append-only table).
 */
export class DeploymentBar extends DeploymentBarSchema.class {}
DeploymentBarSchema.setClass(DeploymentBar);
