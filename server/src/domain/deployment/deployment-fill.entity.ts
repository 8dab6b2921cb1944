import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, doubleColumn, idColumn } from '../columns.ts';
import { DeploymentOrder } from './deployment-order.entity.ts';
import { Deployment } from './deployment.entity.ts';
import { liquiditySides, orderSides } from './venues.ts';

const DeploymentFillSchema = defineEntity({
  name: 'DeploymentFill',
  tableName: 'deployment_fill',
  properties: {
    id: idColumn(),
    deployment: p.manyToOne(Deployment).deleteRule('no action'),
    order: p.manyToOne(DeploymentOrder).deleteRule('no action'),
    /** 1, 2, … per order: a repeated fill report cannot be recorded twice. */
    sequence: p.integer(),
    side: p.enum(orderSides),
    /** Filled quantity, base units, > 0. */
    quantity: doubleColumn(),
    /** Fill price, quote per base (slippage included). */
    price: doubleColumn(),
    /** Fee of this fill, quote currency. */
    fee: doubleColumn(),
    liquidity: p.enum(liquiditySides),
    /** Open time of the bar whose prices filled it (simulated), or of the bar in progress at a venue fill. */
    barAt: p.datetime(),
    /** When it happened: the simulated fill time (bar open + latency) or the venue's trade time. */
    filledAt: p.datetime(),
    /** The venue's trade id; null for simulated fills. */
    venueTradeId: p.string().nullable(),
    createdAt: createdAtColumn(),
  },
  uniques: [{ properties: ['order', 'sequence'] }],
  indexes: [{ properties: ['deployment', 'barAt'] }],
  checks: [{ name: 'deployment_fill_amounts_check', expression: 'quantity > 0 and price > 0 and fee >= 0' }],
});

/** One execution of an order. Immutable (append-only table). */
export class DeploymentFill extends DeploymentFillSchema.class {}
DeploymentFillSchema.setClass(DeploymentFill);
