import { AbilityBuilder, createMongoAbility, subject as caslSubject, type MongoAbility } from '@casl/ability';
import type { Role } from './roles.ts';

/**
 * Authorization, in one place, readable as a table (CASL 7). Every service method authorizes against the
 * ability built here; the GraphQL field guard checks `read` per field with the same ability.
 *
 * Actions are verbs on subjects. Subject names equal GraphQL type names and entity class names.
 * `productionActions` need a second factor (TOTP within the step-up window, or an API token created with
 * a step-up) on top of the role rule.
 */
export const actions = ['read', 'create', 'update', 'manage', 'approve', 'grant', 'revoke', 'verify', 'export', 'retire', 'cancel', 'engage', 'release', 'demote', 'hold'] as const;
export type Action = (typeof actions)[number];

export const subjects = [
  'Strategy',
  'StrategyVersion',
  'ParameterConfig',
  'MarketDataSet',
  'BacktestRun',
  'Optimization',
  'SimulationRun',
  'Deployment',
  'DeploymentOrder',
  'DeploymentFill',
  'PositionSnapshot',
  'PnlSnapshot',
  'DeploymentEvent',
  'KillSwitch',
  'LiveConfirmationToken',
  'PromotionApproval',
  'PromotionRecordApprover',
  'PromotionStepApproval',
  'PromotionPolicyVersion',
  'ExchangeCredential',
  'MonitoringIncident',
  'AuditEvent',
  'EvaluationCycle',
  'ScorecardEntry',
  'TriggerEvent',
  'Notification',
  'NotificationChannel',
  'NotificationDelivery',
  'DailyReport',
  'Operations',
  'User',
  'ApiToken',
  'Role',
  'all',
] as const;
export type Subject = (typeof subjects)[number];

export type AppAbility = MongoAbility<[Action, Subject]>;

/**
 * One row of the table: `fields` narrows a rule to fields; `inverted` makes it a `cannot`; `own` limits it to
 * objects the actor owns (`ownerId` equals the actor's user id — checked on the object by the service).
 */
export interface AbilityRule {
  action: Action | readonly Action[];
  subject: Subject | readonly Subject[];
  fields?: readonly string[];
  inverted?: boolean;
  own?: boolean;
}

/** Research data every signed-in role reads. */
const researchData = [
  'Strategy',
  'StrategyVersion',
  'ParameterConfig',
  'MarketDataSet',
  'BacktestRun',
  'Optimization',
  'SimulationRun',
  'EvaluationCycle',
  'ScorecardEntry',
  'TriggerEvent',
  'Notification',
  'Operations',
  // The promotion policy's versions (the one in force and the proposals): what every gate and trigger reads.
  'PromotionPolicyVersion',
] as const;

/** Long-running work a user may cancel while it is queued or running. */
const cancellableWork = ['BacktestRun', 'Optimization', 'EvaluationCycle'] as const;

/**
 * A deployment and its records (orders, fills, position and P&L marks, events) and its promotions' approvals (as a
 * request, a record and the board show them): every signed-in role reads them; research without the capital figures
 * and approver identities of {@link sensitiveFields}.
 */
const deploymentRecords = ['Deployment', 'DeploymentOrder', 'DeploymentFill', 'PositionSnapshot', 'PnlSnapshot', 'DeploymentEvent', 'PromotionApproval', 'PromotionRecordApprover', 'PromotionStepApproval'] as const;

/**
 * Fields only production, risk, compliance and admin see: approver identities, capital guardrails and a deployment's
 * capital figures — every amount of money (equity, cash, P&L, fees, notional, money limits) and every quantity of the
 * traded asset (from which, with the public price, the capital follows), and the refusal texts and values that quote
 * them. Research still sees prices, fractions (drawdown, exposure, return, fill ratio), states and the rule of every
 * refusal.
 */
export const sensitiveFields = {
  StrategyVersion: ['approvalMetadata'],
  Strategy: ['capitalGuardrails'],
  Deployment: ['capitalAllocation', 'approvedBy', 'initialEquity', 'cash', 'equity', 'peakEquity', 'realizedPnl', 'unrealizedPnl', 'feesPaid', 'maxNotionalPerOrder', 'positionQuantity', 'venueBaseBaseline'],
  DeploymentOrder: ['quantity', 'filledQuantity', 'fees', 'refusalThreshold', 'refusalMeasured', 'reason'],
  DeploymentFill: ['quantity', 'fee'],
  PositionSnapshot: ['quantity', 'notional'],
  PnlSnapshot: ['equity', 'cash', 'realizedPnl', 'unrealizedPnl', 'fees'],
  DeploymentEvent: ['threshold', 'measured', 'message', 'evidence'],
  MonitoringIncident: ['impactedCapital', 'reconciliation'],
  // Who signed a promotion (request approvals, record approvers, the board's signatures): approver identities.
  PromotionApproval: ['approverId'],
  PromotionRecordApprover: ['userId'],
  PromotionStepApproval: ['approverName'],
} as const satisfies Partial<Record<Subject, readonly string[]>>;

/**
 * Audit-detail keys that reveal a sensitive field, per subject: `Strategy.history` (read from the audit trail)
 * drops them for a viewer who may not read that field — a decision's notes and reviewer are approval metadata.
 */
export const sensitiveAuditDetails = {
  StrategyVersion: { approvalMetadata: 'approvalMetadata', notes: 'approvalMetadata', reviewerId: 'approvalMetadata', approvedBy: 'approvalMetadata' },
  Strategy: { capitalGuardrails: 'capitalGuardrails' },
} as const satisfies Partial<Record<Subject, Readonly<Record<string, string>>>>;

/**
 * THE ability table: role → rules. Reading it top to bottom answers "who may do what".
 *
 * | role        | may                                                                                   |
 * |-------------|---------------------------------------------------------------------------------------|
 * | research    | read research data (not approver identities or capital) and incidents; import data,   |
 * |             | queue and cancel backtests, optimizations and evaluation cycles; register strategies  |
 * |             | it owns, submit versions, move a strategy's lifecycle, retire its own strategies      |
 * |             | (production action), request manual runs; manage own API tokens                       |
 * | production  | read research data and deployments incl. sensitive fields; start deployments (OBSERVE,|
 * |             | SHADOW), pause, resume, halt and flatten them and the global trading state, turn a     |
 * |             | kill switch off, create LIVE confirmation tokens (all production actions: TOTP); turn a|
 * |             | kill switch on and revoke a LIVE token (no TOTP: safety first); approve deployments;  |
 * |             | approve or reject strategy versions (a production action: TOTP; never one's own       |
 * |             | submission); move a strategy's lifecycle (staging/production gates), retire any       |
 * |             | strategy; open, review, resolve and close incidents; cancel backtests, optimizations  |
 * |             | and evaluation cycles (a runaway job must stop); demote or freeze a deployment and    |
 * |             | unfreeze a strategy (TOTP); set, rotate and delete exchange credentials (production   |
 * |             | action; their status only is readable)                                                |
 * | risk        | read research data and deployments incl. sensitive fields, daily reports and the      |
 * |             | notification delivery log; turn a kill switch on and revoke a LIVE token (no TOTP);   |
 * |             | sign the risk steps of promotion requests (TOTP); open, review, resolve and close     |
 * |             | incidents; demote or freeze a deployment (TOTP)                                       |
 * | compliance  | read everything, including the audit trail, incidents, notification channels and their|
 * |             | delivery log, daily reports; verify and export the trail; set and clear a regulatory  |
 * |             | hold on a strategy (TOTP)                                                             |
 * | admin       | users, roles (grant/revoke is a production action), audit, and research work (incl.   |
 * |             | cancelling backtests, optimizations and evaluation cycles); reads incidents; creates, |
 * |             | changes and deletes notification channels (production actions: TOTP) and test-sends   |
 * |             | them; reads the delivery log and daily reports; sets, rotates and deletes exchange     |
 * |             | credentials (production action)                                                        |
 *
 * No role registers a strategy in another user's name (`create Strategy` is an `own` rule: `ownerId` must be the
 * caller's); only the platform itself does (the built-in strategies, owned by the system user).
 *
 * Every role reads the notifications addressed to its role (the service filters by audience) and marks them read,
 * and reads the kill switches (the banner every page shows while one is on).
 */
export const abilityTable: Readonly<Record<Role, readonly AbilityRule[]>> = {
  research: [
    { action: 'read', subject: researchData },
    { action: 'read', subject: 'StrategyVersion', fields: sensitiveFields.StrategyVersion, inverted: true },
    { action: 'read', subject: 'Strategy', fields: sensitiveFields.Strategy, inverted: true },
    { action: 'read', subject: [...deploymentRecords, 'KillSwitch'] },
    { action: 'read', subject: 'Deployment', fields: sensitiveFields.Deployment, inverted: true },
    { action: 'read', subject: 'DeploymentOrder', fields: sensitiveFields.DeploymentOrder, inverted: true },
    { action: 'read', subject: 'DeploymentFill', fields: sensitiveFields.DeploymentFill, inverted: true },
    { action: 'read', subject: 'PositionSnapshot', fields: sensitiveFields.PositionSnapshot, inverted: true },
    { action: 'read', subject: 'PnlSnapshot', fields: sensitiveFields.PnlSnapshot, inverted: true },
    { action: 'read', subject: 'DeploymentEvent', fields: sensitiveFields.DeploymentEvent, inverted: true },
    { action: 'read', subject: 'PromotionApproval', fields: sensitiveFields.PromotionApproval, inverted: true },
    { action: 'read', subject: 'PromotionRecordApprover', fields: sensitiveFields.PromotionRecordApprover, inverted: true },
    { action: 'read', subject: 'PromotionStepApproval', fields: sensitiveFields.PromotionStepApproval, inverted: true },
    { action: 'create', subject: ['MarketDataSet', 'BacktestRun', 'Optimization', 'StrategyVersion', 'TriggerEvent', 'EvaluationCycle'] },
    // A strategy is registered for its owner: research registers strategies it owns, never in another user's name.
    { action: 'create', subject: 'Strategy', own: true },
    { action: 'update', subject: 'Strategy' },
    // Retirement is terminal: research retires only its own strategies (never others' or the built-in ones).
    { action: 'retire', subject: 'Strategy', own: true },
    { action: 'cancel', subject: cancellableWork },
    // Governance simulations (issue 15): in-memory replays of the policies over history, no real deployment touched.
    { action: ['create', 'cancel'], subject: 'SimulationRun' },
    // Research sees the incidents that re-validate its strategies, but does not open or settle them.
    { action: 'read', subject: 'MonitoringIncident' },
    { action: 'read', subject: 'MonitoringIncident', fields: sensitiveFields.MonitoringIncident, inverted: true },
    { action: ['read', 'create', 'revoke'], subject: 'ApiToken' },
  ],
  production: [
    { action: 'read', subject: [...researchData, ...deploymentRecords, 'KillSwitch', 'LiveConfirmationToken', 'DailyReport'] },
    { action: ['create', 'approve', 'update', 'demote', 'release'], subject: 'Deployment' },
    { action: ['engage', 'release'], subject: 'KillSwitch' },
    { action: ['create', 'revoke'], subject: 'LiveConfirmationToken' },
    // Exchange credentials: status only (configured, key id suffix, updatedAt); setting, rotating and deleting them
    // are production actions (TOTP). The secret itself is never readable.
    { action: ['read', 'update', 'revoke'], subject: 'ExchangeCredential' },
    { action: 'approve', subject: 'StrategyVersion' },
    { action: ['update', 'retire'], subject: 'Strategy' },
    { action: 'cancel', subject: cancellableWork },
    { action: ['read', 'create', 'update'], subject: 'MonitoringIncident' },
    { action: ['read', 'create', 'revoke'], subject: 'ApiToken' },
  ],
  risk: [
    // The risk desk reads the daily reports and whether its alerts reached their channels (the delivery log).
    { action: 'read', subject: [...researchData, ...deploymentRecords, 'KillSwitch', 'LiveConfirmationToken', 'DailyReport', 'NotificationDelivery'] },
    // Safety first: the risk desk stops trading (kill switch on) and withdraws a LIVE enablement without a TOTP prompt.
    { action: 'engage', subject: 'KillSwitch' },
    { action: 'revoke', subject: 'LiveConfirmationToken' },
    // The risk desk demotes a deployment (to SHADOW on a risk breach) or freezes it to OBSERVE (data integrity).
    { action: 'demote', subject: 'Deployment' },
    // The risk approver of the promotion ladder signs (or rejects) a request's `risk` steps (SHADOW → PAPER, PAPER →
    // LIVE): a production action (TOTP). The policy's approval matrix decides which steps a risk role may sign.
    { action: 'approve', subject: 'Deployment' },
    // The risk desk opens incidents (which queue remediation re-validation at once) and settles them.
    { action: ['read', 'create', 'update'], subject: 'MonitoringIncident' },
    // The risk committee replays a policy change over history (governance simulation, issue 15) before adopting it,
    // proposes it as a new promotion policy version, and activates another person's proposal (four eyes).
    { action: ['create', 'cancel'], subject: 'SimulationRun' },
    { action: ['create', 'approve'], subject: 'PromotionPolicyVersion' },
    { action: ['read', 'create', 'revoke'], subject: 'ApiToken' },
  ],
  compliance: [
    { action: 'read', subject: [...researchData, ...deploymentRecords, 'KillSwitch', 'LiveConfirmationToken', 'MonitoringIncident', 'AuditEvent', 'User', 'DailyReport', 'NotificationChannel', 'NotificationDelivery'] },
    { action: ['verify', 'export'], subject: 'AuditEvent' },
    // Compliance sets and clears a regulatory hold: every automated action on the strategy stops, evidence is kept.
    { action: 'hold', subject: 'Strategy' },
    // Compliance may be the second pair of eyes that activates a proposed promotion policy version.
    { action: 'approve', subject: 'PromotionPolicyVersion' },
    { action: ['read', 'create', 'revoke'], subject: 'ApiToken' },
  ],
  admin: [
    { action: 'read', subject: [...researchData, ...deploymentRecords, 'KillSwitch', 'LiveConfirmationToken', 'MonitoringIncident', 'AuditEvent', 'User', 'DailyReport', 'NotificationChannel', 'NotificationDelivery'] },
    // Notification channels (webhooks, email): creating and changing them is a production action (TOTP); a test send is not.
    { action: ['create', 'update', 'verify'], subject: 'NotificationChannel' },
    { action: ['verify', 'export'], subject: 'AuditEvent' },
    { action: ['create', 'update'], subject: 'User' },
    { action: ['grant', 'revoke'], subject: 'Role' },
    { action: ['read', 'update', 'revoke'], subject: 'ExchangeCredential' },
    { action: 'create', subject: ['MarketDataSet', 'BacktestRun', 'Optimization', 'TriggerEvent', 'EvaluationCycle'] },
    { action: 'cancel', subject: cancellableWork },
    { action: ['read', 'create', 'revoke'], subject: 'ApiToken' },
  ],
};

/** Actions that also need a second factor (lifecycle-spec NFR-007): `${action}:${subject}`. */
export const productionActions: ReadonlySet<string> = new Set([
  // Starting a deployment (OBSERVE or SHADOW), pausing, resuming, halting and flattening it or the global trading state
  // (lifecycle-spec FR-027), and creating a LIVE confirmation token: production staff with a fresh second factor.
  'create:Deployment',
  'approve:Deployment',
  // Approving or rejecting a strategy version makes it eligible for automation (lifecycle-spec FR-003): production.
  'approve:StrategyVersion',
  'update:Deployment',
  'grant:Role',
  'revoke:Role',
  // Retirement is terminal (lifecycle-spec FR-005): a second factor, by the owner or production, with a reason.
  'retire:Strategy',
  // Turning a kill switch OFF lets trading start again: production with a second factor. Turning it ON
  // (`engage:KillSwitch`) and revoking a LIVE token (`revoke:LiveConfirmationToken`) only make trading safer: no TOTP
  // prompt stands between production or risk staff and stopping it.
  'release:KillSwitch',
  'create:LiveConfirmationToken',
  // Changing the promotion policy changes what every gate and trigger decides: proposing and activating need a second factor.
  'create:PromotionPolicyVersion',
  'approve:PromotionPolicyVersion',
  // Demoting or freezing a deployment by hand (production, risk) and a regulatory hold (compliance) change what a
  // strategy may do: a second factor. Unfreezing is `release:Deployment`, production's alone (a fresh approval with
  // TOTP) — not `approve:Deployment`, which risk holds to sign its steps of promotion requests.
  'demote:Deployment',
  'release:Deployment',
  'hold:Strategy',
  // A notification channel decides where alerts (and their details) leave the platform: admins with a second factor.
  'create:NotificationChannel',
  'update:NotificationChannel',
  // Setting, rotating or deleting an exchange account's credentials decides where real orders can go.
  'update:ExchangeCredential',
  'revoke:ExchangeCredential',
  // Not production actions: opening an incident (`create:MonitoringIncident`) and moving it through review must be
  // fast for a risk desk — no TOTP prompt stands between a finding and its remediation re-validation. Opening one
  // changes no capital or deployment; it records a trigger and queues re-validation work.
]);

/** True when `action` on `subject` needs a TOTP step-up. */
export function isProductionAction(action: Action, subject: Subject): boolean {
  return productionActions.has(`${action}:${subject}`);
}

/**
 * A second rule a use-case also needs for part of what it does: `when` says which part (e.g. `createUser` giving a
 * role beyond research is a role grant). The service checks it when that part applies; `me` reports it.
 */
export interface AlsoNeeds {
  action: Action;
  subject: Subject;
  /** When it applies, in words (served by `me`). */
  when: string;
}

/**
 * What a use-case needs: a rule of the ability table (optionally with a rule it {@link AlsoNeeds} for part of what it
 * does), `public` (anyone: signing in) or `self` (any signed-in user on their own account).
 */
export type UseCasePermission = { action: Action; subject: Subject; alsoNeeds?: AlsoNeeds } | 'public' | 'self';

/**
 * THE permission of every state-changing use-case, keyed by its name — which is also the name of its GraphQL
 * mutation. The one place it is decided: each service method authorizes with `governance.authorizeUseCase(name)`
 * (so the API, the worker and the CLI get the same answer), and the API derives what `me` reports (permitted
 * mutations, those needing a step-up) from it; the GraphQL layer does not check mutations again. The authorization
 * matrix test fails when a schema mutation is missing here, or when a service answers differently.
 */
export const mutationPermissions = {
  signIn: 'public',
  signOut: 'self',
  stepUp: 'self',
  startTotpEnrolment: 'self',
  confirmTotpEnrolment: 'self',
  createApiToken: { action: 'create', subject: 'ApiToken' },
  revokeApiToken: { action: 'revoke', subject: 'ApiToken' },
  importMarketData: { action: 'create', subject: 'MarketDataSet' },
  queueBacktest: { action: 'create', subject: 'BacktestRun' },
  queueOptimization: { action: 'create', subject: 'Optimization' },
  cancelOptimization: { action: 'cancel', subject: 'Optimization' },
  cancelBacktest: { action: 'cancel', subject: 'BacktestRun' },
  cancelEvaluationCycle: { action: 'cancel', subject: 'EvaluationCycle' },
  // Governance simulations (issue 15) touch no real deployment: research and risk start and cancel them.
  startGovernanceSimulation: { action: 'create', subject: 'SimulationRun' },
  cancelGovernanceSimulation: { action: 'cancel', subject: 'SimulationRun' },
  // An `own` rule for research: ownerId must be the caller (services authorize on { ownerId }).
  registerStrategy: { action: 'create', subject: 'Strategy' },
  submitStrategyVersion: { action: 'create', subject: 'StrategyVersion' },
  approveStrategyVersion: { action: 'approve', subject: 'StrategyVersion' },
  rejectStrategyVersion: { action: 'approve', subject: 'StrategyVersion' },
  transitionStrategyLifecycle: { action: 'update', subject: 'Strategy' },
  // Promotion policy versions (four eyes: one person proposes, another activates; the service refuses the proposer).
  proposePromotionPolicy: { action: 'create', subject: 'PromotionPolicyVersion' },
  activatePromotionPolicy: { action: 'approve', subject: 'PromotionPolicyVersion' },
  requestManualRun: { action: 'create', subject: 'TriggerEvent' },
  runEvaluationCycle: { action: 'create', subject: 'EvaluationCycle' },
  openStrategyIncident: { action: 'create', subject: 'MonitoringIncident' },
  reviewIncident: { action: 'update', subject: 'MonitoringIncident' },
  resolveIncident: { action: 'update', subject: 'MonitoringIncident' },
  closeIncident: { action: 'update', subject: 'MonitoringIncident' },
  // Whoever reads notifications marks those addressed to their roles as read (the service checks the audience).
  markNotificationsRead: { action: 'read', subject: 'Notification' },
  // Notification channels (issue 13): admins, with a step-up to create, change or delete one.
  createNotificationChannel: { action: 'create', subject: 'NotificationChannel' },
  updateNotificationChannel: { action: 'update', subject: 'NotificationChannel' },
  deleteNotificationChannel: { action: 'update', subject: 'NotificationChannel' },
  sendTestNotification: { action: 'verify', subject: 'NotificationChannel' },
  // Giving the new user a role beyond research is a role grant: the same rule as grantRole (a production action).
  createUser: { action: 'create', subject: 'User', alsoNeeds: { action: 'grant', subject: 'Role', when: 'the new user gets a role beyond research' } },
  deactivateUser: { action: 'update', subject: 'User' },
  grantRole: { action: 'grant', subject: 'Role' },
  revokeRole: { action: 'revoke', subject: 'Role' },
  // Deployments (issue 11): OBSERVE and SHADOW start directly; PAPER and LIVE only through the promotion ladder.
  startDeployment: { action: 'create', subject: 'Deployment' },
  pauseDeployment: { action: 'update', subject: 'Deployment' },
  resumeDeployment: { action: 'update', subject: 'Deployment' },
  haltDeployment: { action: 'update', subject: 'Deployment' },
  flattenDeployment: { action: 'update', subject: 'Deployment' },
  // The global trading state applies on top of every deployment's own.
  haltTrading: { action: 'update', subject: 'Deployment' },
  flattenTrading: { action: 'update', subject: 'Deployment' },
  resumeTrading: { action: 'update', subject: 'Deployment' },
  turnKillSwitchOn: { action: 'engage', subject: 'KillSwitch' },
  turnKillSwitchOff: { action: 'release', subject: 'KillSwitch' },
  // Who creates LIVE tokens in the end (the final authorizer) comes with the promotion ladder; for now production.
  createLiveConfirmationToken: { action: 'create', subject: 'LiveConfirmationToken' },
  revokeLiveConfirmationToken: { action: 'revoke', subject: 'LiveConfirmationToken' },
  // Exchange credentials (issue 11): production or admin with a fresh step-up; audited without the secret.
  setExchangeCredentials: { action: 'update', subject: 'ExchangeCredential' },
  deleteExchangeCredentials: { action: 'revoke', subject: 'ExchangeCredential' },
  // Promotion ladder (issue 12): asking and approving are production actions (TOTP). Approving is open to production
  // and risk; the policy's approval matrix (checkApproval) decides which step each role signs.
  requestPromotion: { action: 'update', subject: 'Deployment' },
  approvePromotionRequest: { action: 'approve', subject: 'Deployment' },
  rejectPromotionRequest: { action: 'approve', subject: 'Deployment' },
  // Demotion, freeze and hold (issue 12/13, services/promotion/stage-control.service.ts): the monitor does the same
  // automatically; by hand production or risk demote (to a safer stage) and freeze (to OBSERVE, promotions frozen);
  // only production unfreezes (a new approval, TOTP); only compliance sets or clears a regulatory hold.
  demoteDeployment: { action: 'demote', subject: 'Deployment' },
  freezeDeployment: { action: 'demote', subject: 'Deployment' },
  unfreezeStrategy: { action: 'release', subject: 'Deployment' },
  setRegulatoryHold: { action: 'hold', subject: 'Strategy' },
  clearRegulatoryHold: { action: 'hold', subject: 'Strategy' },
  // A fully approved promotion held back (kill switch, connector) is run again by production (TOTP); into LIVE only by
  // its final authorizer (the service checks that).
  executePromotion: { action: 'update', subject: 'Deployment' },
  // The pilot wave of an activation becomes the full wave (its full allocation): production (TOTP).
  completeRollout: { action: 'update', subject: 'Deployment' },
} as const satisfies Readonly<Record<string, UseCasePermission>>;

/** A use-case (= mutation) name of {@link mutationPermissions}. */
export type UseCase = keyof typeof mutationPermissions;

/**
 * The ability of someone holding `heldRoles` (the union of their rules). `userId` binds `own` rules to the user's
 * objects; without it, `own` rules are left out.
 */
export function defineAbilityFor(heldRoles: readonly Role[], userId?: string): AppAbility {
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  // Grants first, then restrictions: a `cannot` only narrows what the same role granted, so a user holding
  // research and production still sees what production may see.
  for (const role of heldRoles) {
    for (const rule of abilityTable[role]) if (!rule.inverted && (!rule.own || userId)) addRule(builder, rule, userId);
  }
  for (const role of heldRoles) {
    const granted = abilityTable[role];
    for (const rule of granted) {
      if (!rule.inverted) continue;
      const widenedElsewhere = heldRoles.some((other) => other !== role && canReadFieldsUnrestricted(other, rule));
      if (!widenedElsewhere) addRule(builder, rule);
    }
  }
  return builder.build();
}

/** The platform's own ability (worker, start-up, CLI): everything. */
export function defineSystemAbility(): AppAbility {
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  builder.can('manage', 'all');
  return builder.build();
}

/** No ability at all (not signed in). */
export function defineAnonymousAbility(): AppAbility {
  return new AbilityBuilder<AppAbility>(createMongoAbility).build();
}

function addRule(builder: AbilityBuilder<AppAbility>, rule: AbilityRule, userId?: string) {
  const action = rule.action as Action | Action[];
  const subject = rule.subject as Subject | Subject[];
  const fields = rule.fields ? [...rule.fields] : undefined;
  if (rule.inverted) builder.cannot(action, subject, fields);
  else if (rule.own) builder.can(action, subject, fields, { ownerId: userId } as never);
  else builder.can(action, subject, fields);
}

/**
 * True when the ability allows `action` on one object of `subjectType` (rules with conditions, such as `own`, are
 * matched against `object`).
 */
export function canOn(ability: AppAbility, action: Action, subjectType: Subject, object: Record<string, unknown>): boolean {
  return (ability as unknown as MongoAbility).can(action, caslSubject(subjectType, { ...object }));
}

function canReadFieldsUnrestricted(role: Role, restriction: AbilityRule): boolean {
  const rules = abilityTable[role];
  const subjectsOf = (rule: AbilityRule) => (Array.isArray(rule.subject) ? rule.subject : [rule.subject]) as Subject[];
  const actionsOf = (rule: AbilityRule) => (Array.isArray(rule.action) ? rule.action : [rule.action]) as Action[];
  const restricted = subjectsOf(restriction);
  const restrictedActions = actionsOf(restriction);
  const grants = restricted.every((subject) =>
    restrictedActions.every((action) => rules.some((rule) => !rule.inverted && !rule.fields && actionsOf(rule).includes(action) && subjectsOf(rule).includes(subject))),
  );
  const alsoRestricts = rules.some((rule) => rule.inverted && subjectsOf(rule).some((subject) => restricted.includes(subject)));
  return grants && !alsoRestricts;
}
