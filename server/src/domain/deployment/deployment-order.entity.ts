import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, doubleColumn, idColumn } from '../columns.ts';
import { deploymentStages } from './deployment-stage.lifecycle.ts';
import { Deployment } from './deployment.entity.ts';
import { orderStates } from './order-state.lifecycle.ts';
import { pretradeRules } from './pretrade-rules.ts';
import { executionVenues, orderIntentKinds, orderSides, orderTypes } from './venues.ts';

const DeploymentOrderSchema = defineEntity({
  name: 'DeploymentOrder',
  tableName: 'deployment_order',
  properties: {
    id: idColumn(),
    deployment: p.manyToOne(Deployment).deleteRule('no action'),
    /**
     * Deterministic from (deployment, decision bar time, intent), ≤ 36 characters of `[A-Za-z0-9_-]`: a retried job
     * computes the same id, and this unique key makes the second insert (and the second venue order) impossible.
     */
    clientOrderId: p.string().length(36).unique(),
    /** Open time of the bar at whose close the target behind this order was decided. */
    decisionBarAt: p.datetime(),
    intent: p.enum(orderIntentKinds),
    /** The stage it was placed in (after any fail-closed fallback). */
    stage: p.enum(deploymentStages),
    venue: p.enum(executionVenues),
    side: p.enum(orderSides),
    orderType: p.enum(orderTypes),
    /** Ordered quantity, base units, > 0. */
    quantity: doubleColumn(),
    /** Limit price, quote per base; null for market orders. */
    limitPrice: doubleColumn().nullable(),
    /** Price the order was sized at (the next bar's open, or the venue's price at submission), quote per base. */
    referencePrice: doubleColumn(),
    /** `order-state.lifecycle.ts`. */
    state: p.enum(orderStates).default('new'),
    /** Filled quantity so far, base units. */
    filledQuantity: doubleColumn().default(0),
    /** filledQuantity / quantity, in [0, 1]. */
    fillRatio: doubleColumn().default(0),
    /** Quantity-weighted average fill price, quote per base; null before the first fill. */
    averagePrice: doubleColumn().nullable(),
    /** Fees charged so far, quote currency. */
    fees: doubleColumn().default(0),
    /** The venue's order id; null for shadow orders and before acknowledgement. */
    venueOrderId: p.string().nullable(),
    /** The venue's own status word as last read (kept verbatim, e.g. Coinbase `FAILED`), null for simulated venues. */
    rawVenueStatus: p.string().nullable(),
    /** DENIED orders: the pre-trade rule that refused it. */
    refusalRule: p.enum(pretradeRules).nullable(),
    /** DENIED orders: the rule's threshold as the engine states it, in the rule's unit (`pretrade-rules.ts`). */
    refusalThreshold: p.text().nullable(),
    /** DENIED orders: the measured value that broke the threshold, same unit. */
    refusalMeasured: p.text().nullable(),
    /** DENIED orders: the refusal in words. Also the reason of a cancel (kill switch, halt, expiry), of a partial or expired simulated fill, and of a buy reduced by the cash floor. */
    reason: p.text().nullable(),
    /**
     * DENIED orders: how many bars in a row the same refusal (rule, side, intent) was made, this order's bar included.
     * A denial repeated on every bar is this one order, counted, not an order and an event per bar; 1 otherwise.
     */
    repeatCount: p.integer().default(1),
    /** DENIED orders: open time of the last bar whose decision repeated this denial; null when it was not repeated. */
    lastRepeatedBarAt: p.datetime().nullable(),
    createdAt: createdAtColumn(),
    updatedAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()).onUpdate(() => new Date()),
  },
  indexes: [{ properties: ['deployment', 'decisionBarAt'] }, { properties: ['deployment', 'state'] }],
  checks: [
    { name: 'deployment_order_quantity_check', expression: 'quantity > 0 and filled_quantity >= 0 and filled_quantity <= quantity * (1 + 1e-9) and fill_ratio >= 0 and fill_ratio <= 1 and fees >= 0' },
    { name: 'deployment_order_limit_price_check', expression: `(order_type = 'limit') = (limit_price is not null)` },
    { name: 'deployment_order_denied_check', expression: `state <> 'denied' or (refusal_rule is not null and reason is not null)` },
    { name: 'deployment_order_repeat_count_check', expression: `repeat_count >= 1 and (repeat_count = 1 or state = 'denied')` },
    { name: 'deployment_order_client_order_id_check', expression: `client_order_id ~ '^[A-Za-z0-9_-]{1,36}$'` },
  ],
});

/** One order of a deployment, from intent to its final state; its fills are `DeploymentFill` rows. */
export class DeploymentOrder extends DeploymentOrderSchema.class {}
DeploymentOrderSchema.setClass(DeploymentOrder);
