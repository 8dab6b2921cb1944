import { defineEntity, p } from '@mikro-orm/core';
import { doubleColumn } from '../columns.ts';
import { Deployment } from './deployment.entity.ts';

const PnlSnapshotSchema = defineEntity({
  name: 'PnlSnapshot',
  tableName: 'pnl_snapshot',
  properties: {
    deployment: p.manyToOne(Deployment).primary().deleteRule('no action'),
    /** Open time of the bar at whose close equity was marked. */
    barAt: p.datetime().primary(),
    /** cash + quantity × close, quote currency. */
    equity: doubleColumn(),
    /** Cash, quote currency. */
    cash: doubleColumn(),
    /** Realized P&L since the start, quote currency, net of fees. */
    realizedPnl: doubleColumn(),
    /** quantity × (close − average entry price), quote currency. */
    unrealizedPnl: doubleColumn(),
    /** Fees paid since the start, quote currency. */
    fees: doubleColumn(),
    /** equity / peak equity − 1, a fraction ≤ 0 (0 at a new high; −0.2 = 20 % below the peak). */
    drawdown: doubleColumn(),
    /** Signed position value / equity, quantity × close / equity, a fraction (0 when flat or at equity 0). */
    exposure: doubleColumn(),
    /** equity / previous bar's equity − 1 (the backtest's per-bar return; −1 on liquidation). */
    returnFraction: doubleColumn(),
  },
});

/**
 * Profit and loss of a deployment at one bar's close, keyed by (deployment, bar); immutable (append-only table).
 * Money in the deployment's quote currency (`deployment.quote_currency`).
 */
export class PnlSnapshot extends PnlSnapshotSchema.class {}
PnlSnapshotSchema.setClass(PnlSnapshot);
