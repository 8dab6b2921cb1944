/**
 * What a notification is about — a closed set, so a new kind is a deliberate change here (and in the web's labels):
 * - `incident.opened`: a strategy incident was opened (to the roles that act on it);
 * - `job.escalated`: a job gave up after its last retry and became an operational incident;
 * - `scorecard.incomplete`: a scorecard entry lacks inputs and is research-only (to research);
 * - `promotion.activation_halted`: an approved promotion into LIVE was not activated (exchange connector unavailable;
 *   to production, who retries it with `executePromotion`);
 * - `promotion.candidate_opened`: the candidate job found a strategy in the top share long enough (FR-005; to
 *   production, who starts its OBSERVE deployment);
 * - `promotion.request_opened`: the platform opened a deployment's next promotion request because the stage's stability
 *   window and gates pass (to the roles of the transition's approval matrix);
 * - `deployment.connector_unavailable`: a LIVE deployment's exchange could not be reached or answered with an error;
 *   it places no order until it has reconciled with the venue again (to production);
 * - `promotion.executed`: a deployment moved up the ladder (its record chained; the live cap's displacements named) — to
 *   research, production and risk (FR-032);
 * - `kill_switch.changed`: a kill switch (global or a strategy's) was turned on (critical) or off (info) — to
 *   production and risk, so a person away from the risk wall learns that trading stopped or may resume;
 * - `trading.state_changed`: the global trading state was halted or set to flatten (critical) or resumed (info) — to
 *   production and risk;
 * - `deployment.demoted`: a deployment was moved down or frozen — by the demotion triggers (promotion-framework §2,
 *   naming the trigger and its measured value) or by a person (naming them and their reason) — to production and risk.
 */
export const notificationKinds = ['incident.opened', 'job.escalated', 'scorecard.incomplete', 'promotion.activation_halted', 'promotion.candidate_opened', 'promotion.request_opened', 'deployment.connector_unavailable', 'deployment.demoted', 'promotion.executed', 'kill_switch.changed', 'trading.state_changed'] as const;
export type NotificationKind = (typeof notificationKinds)[number];
