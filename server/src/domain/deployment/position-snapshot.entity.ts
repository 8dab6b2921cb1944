import { defineEntity, p } from '@mikro-orm/core';
import { doubleColumn } from '../columns.ts';
import { Deployment } from './deployment.entity.ts';

const PositionSnapshotSchema = defineEntity({
  name: 'PositionSnapshot',
  tableName: 'position_snapshot',
  properties: {
    deployment: p.manyToOne(Deployment).primary().deleteRule('no action'),
    /** Open time of the bar at whose close the position was marked. */
    barAt: p.datetime().primary(),
    /** Position, base units (negative = short). */
    quantity: doubleColumn(),
    /** Quantity-weighted entry price, quote per base; null when flat. */
    averageEntryPrice: doubleColumn().nullable(),
    /** Mark price: the bar's close, quote per base. */
    markPrice: doubleColumn(),
    /** quantity × markPrice, quote currency (signed). */
    notional: doubleColumn(),
    /** Target position in force during the bar (fraction of equity, signed). */
    targetInForce: doubleColumn(),
  },
});

/**
 * The position of a deployment at one bar's close. Narrow rows keyed by (deployment, bar) like `market_bar`;
 * immutable (append-only table). Money in the deployment's quote currency.
 */
export class PositionSnapshot extends PositionSnapshotSchema.class {}
PositionSnapshotSchema.setClass(PositionSnapshot);
