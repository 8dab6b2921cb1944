/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type ApprovalStatus =
  | 'APPROVED'
  | 'PENDING'
  | 'REJECTED';

export type AuditExportFormat =
  | 'CSV'
  | 'JSON';

export type BacktestMode =
  | 'HISTORICAL'
  | 'LIVE_REPLAY';

/** queued → running → completed | failed; queued → cancelled. */
export type BacktestRunStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING';

/** Capital caps per lifecycle state, fractions of portfolio (0.05 = 5 %). */
export type CapitalGuardrailsInput = {
  production?: number | null | undefined;
  research?: number | null | undefined;
  staging?: number | null | undefined;
  validation?: number | null | undefined;
};

/** Moves an incident to the next status, with notes. */
export type ChangeIncidentStatusInput = {
  /** At most 255 characters, no control characters. */
  incidentId: string | number;
  /** Commentary appended to the incident’s notes (required to resolve; at most 4,000 characters). At most 4,000 characters, no control characters. */
  notes?: string | null | undefined;
};

export type ChangeRoleInput = {
  role: Role;
  /** At most 255 characters, no control characters. */
  userId: string | number;
};

/** metric <operator> value. */
export type ComparisonOperator =
  | 'GREATER'
  | 'GREATER_OR_EQUAL'
  | 'LESS'
  | 'LESS_OR_EQUAL';

export type CreateApiTokenInput = {
  expiresAt?: string | null | undefined;
  /** At most 255 characters, no control characters. */
  name: string;
  /** Narrow the token to these roles (default: all of yours). At most 100 items. */
  roles?: Array<Role> | null | undefined;
};

export type DecideStrategyVersionInput = {
  /** Review notes (required to reject). At most 10,000 characters, no control characters. */
  notes?: string | null | undefined;
  /** At most 255 characters, no control characters. */
  strategyVersionId: string | number;
};

/** queued → running → completed | failed. */
export type EvaluationCycleStatus =
  | 'COMPLETED'
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING';

export type ExportFormat =
  | 'CSV'
  | 'JSON';

/** WARNING or CRITICAL; drives who is alerted and how. */
export type IncidentSeverity =
  | 'CRITICAL'
  | 'WARNING';

/** OPEN → IN_REVIEW → RESOLVED → CLOSED (OPEN → RESOLVED allowed; CLOSED is final). */
export type IncidentStatus =
  | 'CLOSED'
  | 'IN_REVIEW'
  | 'OPEN'
  | 'RESOLVED';

/** What was found: BENCHMARK_LAG, DRAWDOWN, RISK_THRESHOLD, REGIME_SHIFT (monitoring findings) or OPERATIONAL (a job given up after its last retry). */
export type IncidentType =
  | 'BENCHMARK_LAG'
  | 'DRAWDOWN'
  | 'OPERATIONAL'
  | 'REGIME_SHIFT'
  | 'RISK_THRESHOLD';

export type LifecycleState =
  | 'PRODUCTION'
  | 'RESEARCH'
  | 'RETIRED'
  | 'STAGING'
  | 'VALIDATION';

export type MarkNotificationsReadInput = {
  /** Notification ids, at most 200. At most 1000 items; at most 255 characters each, no control characters. */
  ids: Array<string | number>;
};

export type MarketDataSource =
  | 'EXCHANGE_DUMP'
  | 'SYNTHETIC'
  | 'VENDOR_FEED';

export type MetricConstraintInput = {
  metric: ObjectiveMetric;
  operator: ComparisonOperator;
  /** Threshold in the metric’s unit (fractions for returns and drawdowns: −0.25 = −25 %). */
  value: number;
};

export type ObjectiveDirection =
  | 'MAXIMIZE'
  | 'MINIMIZE';

/** e.g. maximize SHARPE subject to MAX_DRAWDOWN ≥ −0.25. */
export type ObjectiveInput = {
  /** At most 100 items. */
  constraints?: Array<MetricConstraintInput>;
  direction?: ObjectiveDirection;
  metric: ObjectiveMetric;
};

/** A backtest metric (see BacktestMetrics for units), e.g. SHARPE, MAX_DRAWDOWN. */
export type ObjectiveMetric =
  | 'ANNUAL_VOLATILITY'
  | 'CAGR'
  | 'CALMAR'
  | 'CONDITIONAL_VALUE_AT_RISK'
  | 'DOWNSIDE_RISK'
  | 'EXPOSURE'
  | 'MAX_DRAWDOWN'
  | 'OMEGA'
  | 'PAYOFF_RATIO'
  | 'PROFIT_FACTOR'
  | 'SHARPE'
  | 'SORTINO'
  | 'STABILITY'
  | 'TAIL_RATIO'
  | 'TOTAL_RETURN'
  | 'TURNOVER'
  | 'VALUE_AT_RISK'
  | 'WIN_RATE';

/** A finding on a strategy; opening it queues the strategy’s re-validation at remediation priority. */
export type OpenStrategyIncidentInput = {
  incidentType: StrategyIncidentType;
  severity: IncidentSeverity;
  /** The strategy the finding is about. At most 255 characters, no control characters. */
  strategyId: string | number;
  /** What was found, 3–2,000 characters. At most 2,000 characters, no control characters. */
  summary: string;
};

/** queued → running → completed | failed (a retried job resumes a running one); queued or running → cancelled (cancelOptimization). */
export type OptimizationStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING';

export type ParameterConfigSource =
  | 'OPTIMIZATION'
  | 'RESEARCH'
  | 'ROLLBACK';

/** Narrows one template parameter (numbers stay within the template bounds). */
export type ParameterOverrideInput = {
  /** Allowed choices of a categorical/boolean parameter, as text ("true", "false" for booleans). At most 100 items; at most 255 characters each, no control characters. */
  choices?: Array<string> | null | undefined;
  max?: number | null | undefined;
  min?: number | null | undefined;
  /** At most 255 characters, no control characters. */
  name: string;
  /** Grid step (> 0; whole for integer parameters). */
  step?: number | null | undefined;
};

export type QueueBacktestInput = {
  /** Fee in basis points of traded notional (default 10). */
  feeBps?: number | null | undefined;
  /** A certified dataset. At most 255 characters, no control characters. */
  marketDataSetId: string | number;
  /** Template parameters, e.g. {"fastPeriod": 20, "slowPeriod": 50}; missing ones take defaults. At most 16,384 characters of JSON. */
  parameters?: Record<string, unknown> | null | undefined;
  /** Slippage in basis points of traded notional (default 5). */
  slippageBps?: number | null | undefined;
  /** At most 255 characters, no control characters. */
  strategyVersionId: string | number;
};

export type QueueOptimizationInput = {
  /** Fee in basis points of traded notional (default 10). */
  feeBps?: number | null | undefined;
  /** 1–5 certified datasets; each gets its own walk-forward. At most 100 items; at most 255 characters each, no control characters. */
  marketDataSetIds: Array<string | number>;
  objective: ObjectiveInput;
  /** At most 100 items. */
  parameterOverrides?: Array<ParameterOverrideInput> | null | undefined;
  searchMethod: SearchMethod;
  /** Search seed, 0 ≤ seed < 2³² (default: the version’s deterministic seed). */
  seed?: number | null | undefined;
  /** Slippage in basis points of traded notional (default 5). */
  slippageBps?: number | null | undefined;
  /** The strategy version whose template is searched. At most 255 characters, no control characters. */
  strategyVersionId: string | number;
  /** Trials per walk-forward segment, 1–1000. */
  trialBudget: number;
  windows: WalkForwardWindowsInput;
};

export type Recommendation =
  | 'DEMOTE'
  | 'MONITOR'
  | 'PROMOTE'
  | 'RETIRE';

/** Trailing 30-day realized-volatility percentile band. */
export type RegimeBand =
  | 'CALM'
  | 'NEUTRAL'
  | 'TURBULENT';

export type RegisterStrategyInput = {
  capitalGuardrails: CapitalGuardrailsInput;
  /** Unique: 3–64 lower-case letters, digits and dashes. At most 255 characters, no control characters. */
  code: string;
  /** At most 10,000 characters, no control characters. */
  dependencyNotes?: string | null | undefined;
  /** Symbols like BTC-USDT, or "*" for any. At most 200 items; at most 255 characters each, no control characters. */
  eligibleMarkets: Array<string>;
  /** At most 255 characters, no control characters. */
  name: string;
  /** High-level thesis. At most 10,000 characters, no control characters. */
  objective: string;
  /** Owner (user id); default the caller. At most 255 characters, no control characters. */
  ownerId?: string | number | null | undefined;
  riskCategory: RiskCategory;
};

export type RequestManualRunInput = {
  /** Approval link where policy asks for one: an http(s) URL or a ticket id like OPS-123. At most 255 characters, no control characters. */
  approvalLink?: string | null | undefined;
  /** Why the run is needed (required, shown in the trigger log and audit trail). At most 10,000 characters, no control characters. */
  reason: string;
  /** One strategy; omit for every eligible strategy. At most 255 characters, no control characters. */
  strategyId?: string | number | null | undefined;
};

export type RiskCategory =
  | 'HIGH'
  | 'LOW'
  | 'MODERATE';

/** research, production, risk, compliance, admin (DESIGN.md §2). */
export type Role =
  | 'ADMIN'
  | 'COMPLIANCE'
  | 'PRODUCTION'
  | 'RESEARCH'
  | 'RISK';

export type RunEvaluationCycleInput = {
  /** Unique configurations, 60–400 (default 60). */
  configurationCount?: number | null | undefined;
  /** Largest share of configurations per strategy, a fraction in (0, 1] (default 0.3). */
  maxTemplateShare?: number | null | undefined;
  /** Why the cycle is run (shown in the trigger log). At most 10,000 characters, no control characters. */
  reason?: string | null | undefined;
  /** Cycle seed (default derived from the date). */
  seed?: number | null | undefined;
};

/** Scorecard orders: RANK, SCORE, NAME, RECOMMENDATION. */
export type ScorecardSort =
  | 'NAME'
  | 'RANK'
  | 'RECOMMENDATION'
  | 'SCORE';

/** GRID, RANDOM, LATIN_HYPERCUBE, or BAYESIAN (Tree-structured Parzen Estimator). */
export type SearchMethod =
  | 'BAYESIAN'
  | 'GRID'
  | 'LATIN_HYPERCUBE'
  | 'RANDOM';

export type SignInInput = {
  /** At most 255 characters, no control characters. */
  email: string;
  /** At most 255 characters, no control characters. */
  password: string;
  /** A TOTP code: the sign-in then counts as stepped-up. At most 255 characters, no control characters. */
  totpCode?: string | null | undefined;
};

/** The incident types a person opens on a strategy (OPERATIONAL ones come from the platform). */
export type StrategyIncidentType =
  | 'BENCHMARK_LAG'
  | 'DRAWDOWN'
  | 'REGIME_SHIFT'
  | 'RISK_THRESHOLD';

export type SubmitStrategyVersionInput = {
  /** At most 10,000 characters, no control characters. */
  changelog: string;
  /** Seed for reproducible runs, a whole number in [0, 2⁵³). */
  deterministicSeed: number;
  /** Narrowings of the template’s parameter space; none = the full space. At most 100 items. */
  parameterOverrides?: Array<VersionParameterOverrideInput> | null | undefined;
  /** At most 255 characters, no control characters. */
  strategyId: string | number;
  /** Engine template id, e.g. sma_crossover. At most 255 characters, no control characters. */
  template: string;
};

/** Bar length: ONE_MINUTE = 1m, ONE_HOUR = 1h, ONE_DAY = 1d. */
export type Timeframe =
  | 'FIVE_MINUTES'
  | 'ONE_DAY'
  | 'ONE_HOUR'
  | 'ONE_MINUTE'
  | 'TICK';

export type TransitionStrategyLifecycleInput = {
  /** At most 10,000 characters, no control characters. */
  reason: string;
  /** At most 255 characters, no control characters. */
  strategyId: string | number;
  to: LifecycleState;
};

/** What started work by itself (or a manual request). */
export type TriggerEventType =
  | 'DATASET_CERTIFIED'
  | 'MANUAL'
  | 'MONITORING_INCIDENT'
  | 'PARAMETER_SPACE_REGISTERED'
  | 'REGIME_CHANGE'
  | 'SCHEDULED'
  | 'VERSION_APPROVED';

/** ENQUEUED: work was queued; SKIPPED: nothing to run (see outcomeReason). */
export type TriggerOutcome =
  | 'ENQUEUED'
  | 'SKIPPED';

/** What a trigger caused: a job (by job key) or a run. */
export type TriggerTargetType =
  | 'BACKTEST_RUN'
  | 'EVALUATION_CYCLE'
  | 'JOB'
  | 'OPTIMIZATION';

/** What caused a run. */
export type TriggerType =
  | 'MANUAL'
  | 'NEW_DATA'
  | 'REGIME_CHANGE'
  | 'VERSION_UPDATE';

/** A narrowing of one numeric template parameter (within the template bounds). */
export type VersionParameterOverrideInput = {
  max?: number | null | undefined;
  min?: number | null | undefined;
  /** At most 255 characters, no control characters. */
  name: string;
  step?: number | null | undefined;
};

/** ROLLING: fixed-size train window slides; ANCHORED: train window starts at the first bar and grows. */
export type WalkForwardScheme =
  | 'ANCHORED'
  | 'ROLLING';

export type WalkForwardWindowsInput = {
  scheme?: WalkForwardScheme;
  /** Distance between window starts, ≥ testSize (default testSize). */
  stepSize?: number | null | undefined;
  /** Test window size, in `unit`. */
  testSize: number;
  /** Train window size, in `unit` (whole bars, or ms). */
  trainSize: number;
  unit?: WindowUnit;
};

/** Unit of window sizes: bars (rows) or milliseconds of calendar time. */
export type WindowUnit =
  | 'BARS'
  | 'MILLISECONDS';

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { me: { id: string, email: string, displayName: string, roles: Array<Role>, credential: string, totpEnabled: boolean, stepUpValidUntil: string | null, permittedMutations: Array<string>, stepUpRequiredFor: Array<string> } | null };

export type SignInMutationVariables = Exact<{
  input: SignInInput;
}>;


export type SignInMutation = { signIn: { viewer: { id: string, email: string } } };

export type SignOutMutationVariables = Exact<{ [key: string]: never; }>;


export type SignOutMutation = { signOut: boolean };

export type StepUpMutationVariables = Exact<{
  code: string;
}>;


export type StepUpMutation = { stepUp: { validUntil: string } };

export type RegimeBreakdownFragment = { regime: RegimeBand, barCount: number, metrics: { sharpe: number | null, totalReturn: number | null, maxDrawdown: number | null, winRate: number | null } };

export type UnreadNotificationCountQueryVariables = Exact<{ [key: string]: never; }>;


export type UnreadNotificationCountQuery = { unreadNotificationCount: number };

export type NotificationReceivedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type NotificationReceivedSubscription = { notificationReceived: { id: string, kind: string, readAt: string | null } };

export type QueueFormOptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type QueueFormOptionsQuery = { strategies: { edges: Array<{ node: { id: string, name: string, code: string, versions: Array<{ id: string, versionTag: string, template: string, parameterSpace: Record<string, unknown> }> } }> }, marketDataSets: { edges: Array<{ node: { id: string, symbolUniverse: Array<string>, timeframe: Timeframe, startAt: string, endAt: string, rowCount: number } }> } };

export type StartTotpEnrolmentMutationVariables = Exact<{ [key: string]: never; }>;


export type StartTotpEnrolmentMutation = { startTotpEnrolment: { otpauthUri: string, qrCodeSvg: string, secret: string } };

export type ConfirmTotpEnrolmentMutationVariables = Exact<{
  code: string;
}>;


export type ConfirmTotpEnrolmentMutation = { confirmTotpEnrolment: { validUntil: string } };

export type ApiTokensQueryVariables = Exact<{ [key: string]: never; }>;


export type ApiTokensQuery = { apiTokens: Array<{ id: string, name: string, roles: Array<Role>, stepUp: boolean, createdAt: string, expiresAt: string | null, revokedAt: string | null }> };

export type CreateApiTokenMutationVariables = Exact<{
  input: CreateApiTokenInput;
}>;


export type CreateApiTokenMutation = { createApiToken: { secret: string, apiToken: { id: string } } };

export type RevokeApiTokenMutationVariables = Exact<{
  id: string | number;
}>;


export type RevokeApiTokenMutation = { revokeApiToken: { id: string, revokedAt: string | null } };

export type AuditEventsQueryVariables = Exact<{
  actorId?: string | number | null | undefined;
  action?: string | null | undefined;
  subjectType?: string | null | undefined;
  subjectId?: string | null | undefined;
  from?: string | null | undefined;
  to?: string | null | undefined;
  limit?: number | null | undefined;
}>;


export type AuditEventsQuery = { auditEvents: { totalCount: number, events: Array<{ sequence: string, occurredAt: string, actorId: string | null, actorRole: string, action: string, subjectType: string, subjectId: string | null, details: Record<string, unknown>, datasetChecksum: string | null, engineVersion: string | null, hash: string }> } };

export type VerifyAuditChainQueryVariables = Exact<{ [key: string]: never; }>;


export type VerifyAuditChainQuery = { verifyAuditChain: { intact: boolean, checkedCount: number, brokenSequence: string | null, reason: string | null, lastSequence: string | null, checkpointCount: number } };

export type ExportAuditEventsQueryVariables = Exact<{
  format: AuditExportFormat;
  actorId?: string | number | null | undefined;
  action?: string | null | undefined;
  subjectType?: string | null | undefined;
  subjectId?: string | null | undefined;
  from?: string | null | undefined;
  to?: string | null | undefined;
}>;


export type ExportAuditEventsQuery = { exportAuditEvents: string };

export type CompareRunsQueryVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type CompareRunsQuery = { compareBacktestRuns: { timestamps: Array<string>, runs: Array<{ id: string, status: BacktestRunStatus, strategy: { name: string }, marketDataSet: { symbolUniverse: Array<string>, timeframe: Timeframe }, parameterConfig: { label: string } }>, metrics: Array<{ metric: string, values: Array<number | null> }>, equity: Array<{ runId: string, equity: Array<number | null> }> } };

export type MarketDataSetDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type MarketDataSetDetailQuery = { marketDataSet: { id: string, databaseId: string, symbolUniverse: Array<string>, timeframe: Timeframe, source: MarketDataSource, fileName: string, startAt: string, endAt: string, rowCount: number, gapCount: number, missingBarCount: number, checksum: string, createdAt: string, certifiedAt: string | null, qualityFlags: { flatBarCount: number, zeroVolumeBars: Array<string>, gaps: Array<{ after: string, before: string, missingBars: number }> } } };

export type MarketDataSetBarsQueryVariables = Exact<{
  id: string | number;
  from?: string | null | undefined;
  limit?: number | null | undefined;
}>;


export type MarketDataSetBarsQuery = { marketDataSet: { id: string, bars: Array<{ timestamp: string, close: number }> } };

export type MarketDataSetsQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type MarketDataSetsQuery = { marketDataSets: { totalCount: number, edges: Array<{ node: { id: string, symbolUniverse: Array<string>, timeframe: Timeframe, source: MarketDataSource, fileName: string, startAt: string, endAt: string, rowCount: number, gapCount: number, missingBarCount: number, checksum: string, certifiedAt: string | null, qualityFlags: { flatBarCount: number, zeroVolumeBars: Array<string> } } }> } };

export type MarketDataSetCertifiedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type MarketDataSetCertifiedSubscription = { marketDataSetCertified: { id: string, checksum: string } };

export type IncidentRowFragment = { id: string, incidentType: IncidentType, severity: IncidentSeverity, status: IncidentStatus, summary: string, detectedAt: string, resolvedAt: string | null, notes: string | null, context: Record<string, unknown>, strategy: { id: string, code: string, name: string } | null, triggerEvent: { id: string, outcome: TriggerOutcome, outcomeReason: string } | null, followUpCycle: { id: string, status: EvaluationCycleStatus, configurationCount: number, evaluationDate: string | null, failureReason: string | null } | null };

export type IncidentsQueryVariables = Exact<{
  status?: IncidentStatus | null | undefined;
}>;


export type IncidentsQuery = { incidents: { totalCount: number, edges: Array<{ node: { id: string, incidentType: IncidentType, severity: IncidentSeverity, status: IncidentStatus, summary: string, detectedAt: string, resolvedAt: string | null, notes: string | null, context: Record<string, unknown>, strategy: { id: string, code: string, name: string } | null, triggerEvent: { id: string, outcome: TriggerOutcome, outcomeReason: string } | null, followUpCycle: { id: string, status: EvaluationCycleStatus, configurationCount: number, evaluationDate: string | null, failureReason: string | null } | null } }> } };

export type IncidentStrategiesQueryVariables = Exact<{ [key: string]: never; }>;


export type IncidentStrategiesQuery = { strategies: { edges: Array<{ node: { id: string, code: string, name: string, lifecycleState: LifecycleState } }> } };

export type OpenStrategyIncidentMutationVariables = Exact<{
  input: OpenStrategyIncidentInput;
}>;


export type OpenStrategyIncidentMutation = { openStrategyIncident: { incident: { id: string, incidentType: IncidentType, severity: IncidentSeverity, status: IncidentStatus, summary: string, detectedAt: string, resolvedAt: string | null, notes: string | null, context: Record<string, unknown>, strategy: { id: string, code: string, name: string } | null, triggerEvent: { id: string, outcome: TriggerOutcome, outcomeReason: string } | null, followUpCycle: { id: string, status: EvaluationCycleStatus, configurationCount: number, evaluationDate: string | null, failureReason: string | null } | null } } };

export type ReviewIncidentMutationVariables = Exact<{
  input: ChangeIncidentStatusInput;
}>;


export type ReviewIncidentMutation = { reviewIncident: { incident: { id: string, incidentType: IncidentType, severity: IncidentSeverity, status: IncidentStatus, summary: string, detectedAt: string, resolvedAt: string | null, notes: string | null, context: Record<string, unknown>, strategy: { id: string, code: string, name: string } | null, triggerEvent: { id: string, outcome: TriggerOutcome, outcomeReason: string } | null, followUpCycle: { id: string, status: EvaluationCycleStatus, configurationCount: number, evaluationDate: string | null, failureReason: string | null } | null } } };

export type ResolveIncidentMutationVariables = Exact<{
  input: ChangeIncidentStatusInput;
}>;


export type ResolveIncidentMutation = { resolveIncident: { incident: { id: string, incidentType: IncidentType, severity: IncidentSeverity, status: IncidentStatus, summary: string, detectedAt: string, resolvedAt: string | null, notes: string | null, context: Record<string, unknown>, strategy: { id: string, code: string, name: string } | null, triggerEvent: { id: string, outcome: TriggerOutcome, outcomeReason: string } | null, followUpCycle: { id: string, status: EvaluationCycleStatus, configurationCount: number, evaluationDate: string | null, failureReason: string | null } | null } } };

export type CloseIncidentMutationVariables = Exact<{
  input: ChangeIncidentStatusInput;
}>;


export type CloseIncidentMutation = { closeIncident: { incident: { id: string, incidentType: IncidentType, severity: IncidentSeverity, status: IncidentStatus, summary: string, detectedAt: string, resolvedAt: string | null, notes: string | null, context: Record<string, unknown>, strategy: { id: string, code: string, name: string } | null, triggerEvent: { id: string, outcome: TriggerOutcome, outcomeReason: string } | null, followUpCycle: { id: string, status: EvaluationCycleStatus, configurationCount: number, evaluationDate: string | null, failureReason: string | null } | null } } };

export type IncidentCycleUpdatedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type IncidentCycleUpdatedSubscription = { scorecardUpdated: { id: string, status: EvaluationCycleStatus } };

export type NotificationsQueryVariables = Exact<{
  unreadOnly?: boolean | null | undefined;
}>;


export type NotificationsQuery = { notifications: { totalCount: number, edges: Array<{ node: { id: string, audience: Role, kind: string, message: string, subjectType: string | null, subjectId: string | null, createdAt: string, readAt: string | null } }> } };

export type MarkNotificationsReadMutationVariables = Exact<{
  input: MarkNotificationsReadInput;
}>;


export type MarkNotificationsReadMutation = { markNotificationsRead: { unreadCount: number, notifications: Array<{ id: string, readAt: string | null }> } };

export type OperationsQueryVariables = Exact<{ [key: string]: never; }>;


export type OperationsQuery = { operations: { windowHours: number, queues: Array<{ task: string, queue: string | null, waiting: number, running: number, retrying: number, failed: number }>, runningJobs: Array<{ id: string, task: string, lockedBy: string, lockedAt: string, attempts: number, maxAttempts: number, priority: number, key: string | null }>, workers: Array<{ workerId: string, hostname: string, pid: number, concurrency: number, lastSeenAt: string, ageSeconds: number }>, failureRates: Array<{ kind: string, completed: number, failed: number, failureRate: number | null }>, triggerToEnqueue: { samples: number, p50Ms: number | null, p99Ms: number | null }, enqueueToStart: { samples: number, p50Ms: number | null, p99Ms: number | null } } };

export type OptimizationDetailQueryVariables = Exact<{
  id: string | number;
  trialsFirst?: number | null | undefined;
}>;


export type OptimizationDetailQuery = { optimization: { id: string, databaseId: string, status: OptimizationStatus, searchMethod: SearchMethod, trialBudget: number, seed: number, feeBps: number, slippageBps: number, engineVersion: string | null, parameterChecksum: string, createdAt: string, startedAt: string | null, completedAt: string | null, failureReason: string | null, bestParameters: Record<string, unknown> | null, windows: { scheme: WalkForwardScheme, unit: WindowUnit, trainSize: number, testSize: number, stepSize: number }, objective: { metric: ObjectiveMetric, direction: ObjectiveDirection, constraints: Array<{ metric: ObjectiveMetric, operator: ComparisonOperator, value: number }> }, datasets: Array<{ id: string, symbol: string, checksum: string }>, strategyVersion: { id: string, versionTag: string, template: string }, progress: { status: OptimizationStatus, trialsCompleted: number, trialsTotal: number, segmentsCompleted: number, segmentsTotal: number, fraction: number, bestObjective: number | null, etaSeconds: number | null }, overfitting: { probabilityOfBacktestOverfitting: number | null, deflatedSharpeRatio: number | null, probabilisticSharpeRatio: number | null, walkForwardEfficiency: number | null, robustnessScore: number | null } | null, outOfSampleMetrics: { sharpe: number | null, cagr: number | null, totalReturn: number | null, maxDrawdown: number | null, tradeCount: number | null } | null, regimeMetrics: Array<{ regime: RegimeBand, barCount: number, metrics: { sharpe: number | null, totalReturn: number | null, maxDrawdown: number | null, winRate: number | null } }>, sensitivity: { centerScore: number | null, meanNeighborScore: number | null, neighborhoodRatio: number | null, cells: Array<{ parameter: string, offset: number, value: string, score: number | null }> } | null, segments: Array<{ id: string, segmentIndex: number, trainStart: string, testStart: string, testEnd: string, parameters: Record<string, unknown>, feasible: boolean, trialCount: number, walkForwardEfficiency: number | null, probabilityOfBacktestOverfitting: number | null, marketDataSet: { id: string, symbolUniverse: Array<string> }, inSampleMetrics: { sharpe: number | null, totalReturn: number | null }, outOfSampleMetrics: { sharpe: number | null, totalReturn: number | null } }>, trials: { totalCount: number, edges: Array<{ node: { id: string, trialIndex: number | null, seed: number, parameters: Record<string, unknown>, feasible: boolean | null, robustnessScore: number | null, inSampleMetrics: { sharpe: number | null } | null, outOfSampleMetrics: { sharpe: number | null, totalReturn: number | null, maxDrawdown: number | null } } }> }, outOfSampleEquity: Array<{ timestamp: string, equity: number }> } };

export type OptimizationProgressSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type OptimizationProgressSubscription = { optimizationProgress: { status: OptimizationStatus, trialsCompleted: number, trialsTotal: number, segmentsCompleted: number, segmentsTotal: number, fraction: number, bestObjective: number | null, etaSeconds: number | null } };

export type OptimizationRowFragment = { id: string, databaseId: string, status: OptimizationStatus, searchMethod: SearchMethod, trialBudget: number, trialsCompleted: number, trialsTotal: number, segmentsCompleted: number, segmentsTotal: number, createdAt: string, completedAt: string | null, failureReason: string | null, objective: { metric: ObjectiveMetric, direction: ObjectiveDirection }, datasets: Array<{ id: string, symbol: string }>, strategyVersion: { id: string, versionTag: string, template: string }, overfitting: { probabilityOfBacktestOverfitting: number | null, deflatedSharpeRatio: number | null, walkForwardEfficiency: number | null } | null };

export type OptimizationsQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type OptimizationsQuery = { optimizations: { totalCount: number, edges: Array<{ node: { id: string, databaseId: string, status: OptimizationStatus, searchMethod: SearchMethod, trialBudget: number, trialsCompleted: number, trialsTotal: number, segmentsCompleted: number, segmentsTotal: number, createdAt: string, completedAt: string | null, failureReason: string | null, objective: { metric: ObjectiveMetric, direction: ObjectiveDirection }, datasets: Array<{ id: string, symbol: string }>, strategyVersion: { id: string, versionTag: string, template: string }, overfitting: { probabilityOfBacktestOverfitting: number | null, deflatedSharpeRatio: number | null, walkForwardEfficiency: number | null } | null } }> } };

export type QueueOptimizationMutationVariables = Exact<{
  input: QueueOptimizationInput;
}>;


export type QueueOptimizationMutation = { queueOptimization: { optimization: { id: string, databaseId: string, status: OptimizationStatus, searchMethod: SearchMethod, trialBudget: number, trialsCompleted: number, trialsTotal: number, segmentsCompleted: number, segmentsTotal: number, createdAt: string, completedAt: string | null, failureReason: string | null, objective: { metric: ObjectiveMetric, direction: ObjectiveDirection }, datasets: Array<{ id: string, symbol: string }>, strategyVersion: { id: string, versionTag: string, template: string }, overfitting: { probabilityOfBacktestOverfitting: number | null, deflatedSharpeRatio: number | null, walkForwardEfficiency: number | null } | null } } };

export type RunDetailFragment = { id: string, databaseId: string, status: BacktestRunStatus, mode: BacktestMode, triggerType: TriggerType, regimeBand: RegimeBand | null, correlationId: string, createdAt: string, startedAt: string | null, completedAt: string | null, durationMs: number | null, engineVersion: string | null, failureReason: string | null, feeBps: number, slippageBps: number, datasetChecksum: string, parameterChecksum: string, warningFlags: Record<string, unknown>, robustnessScore: number | null, regimeMetrics: Array<{ regime: RegimeBand, barCount: number, metrics: { sharpe: number | null, totalReturn: number | null, maxDrawdown: number | null, winRate: number | null } }>, strategy: { id: string, name: string, code: string }, strategyVersion: { id: string, versionTag: string, template: string, deterministicSeed: string }, marketDataSet: { id: string, symbolUniverse: Array<string>, timeframe: Timeframe, fileName: string, checksum: string, startAt: string, endAt: string, rowCount: number }, parameterConfig: { id: string, label: string, checksum: string, source: ParameterConfigSource, parameters: Record<string, unknown> }, metrics: { totalReturn: number | null, cagr: number | null, annualVolatility: number | null, sharpe: number | null, sortino: number | null, calmar: number | null, omega: number | null, stability: number | null, maxDrawdown: number | null, maxDrawdownDurationBars: number | null, downsideRisk: number | null, valueAtRisk: number | null, conditionalValueAtRisk: number | null, tailRatio: number | null, tradeCount: number | null, winRate: number | null, payoffRatio: number | null, profitFactor: number | null, exposure: number | null, turnover: number | null } | null };

export type BacktestRunDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type BacktestRunDetailQuery = { backtestRun: { id: string, databaseId: string, status: BacktestRunStatus, mode: BacktestMode, triggerType: TriggerType, regimeBand: RegimeBand | null, correlationId: string, createdAt: string, startedAt: string | null, completedAt: string | null, durationMs: number | null, engineVersion: string | null, failureReason: string | null, feeBps: number, slippageBps: number, datasetChecksum: string, parameterChecksum: string, warningFlags: Record<string, unknown>, robustnessScore: number | null, equityCurve: Array<{ timestamp: string, equity: number, drawdown: number }>, regimeMetrics: Array<{ regime: RegimeBand, barCount: number, metrics: { sharpe: number | null, totalReturn: number | null, maxDrawdown: number | null, winRate: number | null } }>, strategy: { id: string, name: string, code: string }, strategyVersion: { id: string, versionTag: string, template: string, deterministicSeed: string }, marketDataSet: { id: string, symbolUniverse: Array<string>, timeframe: Timeframe, fileName: string, checksum: string, startAt: string, endAt: string, rowCount: number }, parameterConfig: { id: string, label: string, checksum: string, source: ParameterConfigSource, parameters: Record<string, unknown> }, metrics: { totalReturn: number | null, cagr: number | null, annualVolatility: number | null, sharpe: number | null, sortino: number | null, calmar: number | null, omega: number | null, stability: number | null, maxDrawdown: number | null, maxDrawdownDurationBars: number | null, downsideRisk: number | null, valueAtRisk: number | null, conditionalValueAtRisk: number | null, tailRatio: number | null, tradeCount: number | null, winRate: number | null, payoffRatio: number | null, profitFactor: number | null, exposure: number | null, turnover: number | null } | null } };

export type BacktestRunDetailUpdatedSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type BacktestRunDetailUpdatedSubscription = { backtestRunUpdated: { id: string, status: BacktestRunStatus } };

export type RunRowFragment = { id: string, databaseId: string, status: BacktestRunStatus, createdAt: string, startedAt: string | null, completedAt: string | null, durationMs: number | null, engineVersion: string | null, failureReason: string | null, feeBps: number, slippageBps: number, strategy: { id: string, name: string, code: string }, strategyVersion: { id: string, versionTag: string, template: string }, marketDataSet: { id: string, symbolUniverse: Array<string>, timeframe: Timeframe }, parameterConfig: { id: string, parameters: Record<string, unknown> }, metrics: { sharpe: number | null, maxDrawdown: number | null, totalReturn: number | null, cagr: number | null, tradeCount: number | null } | null };

export type BacktestRunsQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type BacktestRunsQuery = { backtestRuns: { totalCount: number, edges: Array<{ node: { id: string, databaseId: string, status: BacktestRunStatus, createdAt: string, startedAt: string | null, completedAt: string | null, durationMs: number | null, engineVersion: string | null, failureReason: string | null, feeBps: number, slippageBps: number, strategy: { id: string, name: string, code: string }, strategyVersion: { id: string, versionTag: string, template: string }, marketDataSet: { id: string, symbolUniverse: Array<string>, timeframe: Timeframe }, parameterConfig: { id: string, parameters: Record<string, unknown> }, metrics: { sharpe: number | null, maxDrawdown: number | null, totalReturn: number | null, cagr: number | null, tradeCount: number | null } | null } }> } };

export type BacktestRunsUpdatedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type BacktestRunsUpdatedSubscription = { backtestRunUpdated: { id: string, databaseId: string, status: BacktestRunStatus, createdAt: string, startedAt: string | null, completedAt: string | null, durationMs: number | null, engineVersion: string | null, failureReason: string | null, feeBps: number, slippageBps: number, strategy: { id: string, name: string, code: string }, strategyVersion: { id: string, versionTag: string, template: string }, marketDataSet: { id: string, symbolUniverse: Array<string>, timeframe: Timeframe }, parameterConfig: { id: string, parameters: Record<string, unknown> }, metrics: { sharpe: number | null, maxDrawdown: number | null, totalReturn: number | null, cagr: number | null, tradeCount: number | null } | null } };

export type QueueBacktestMutationVariables = Exact<{
  input: QueueBacktestInput;
}>;


export type QueueBacktestMutation = { queueBacktest: { backtestRun: { id: string, databaseId: string, status: BacktestRunStatus, createdAt: string, startedAt: string | null, completedAt: string | null, durationMs: number | null, engineVersion: string | null, failureReason: string | null, feeBps: number, slippageBps: number, strategy: { id: string, name: string, code: string }, strategyVersion: { id: string, versionTag: string, template: string }, marketDataSet: { id: string, symbolUniverse: Array<string>, timeframe: Timeframe }, parameterConfig: { id: string, parameters: Record<string, unknown> }, metrics: { sharpe: number | null, maxDrawdown: number | null, totalReturn: number | null, cagr: number | null, tradeCount: number | null } | null } } };

export type ScorecardRowFragment = { id: string, evaluationDate: string, normalizedScore: number, rank: number | null, recommendation: Recommendation, rationale: Array<string>, complete: boolean, missingInputs: Array<string>, researchOnly: boolean, scoringPolicyVersion: string, inputs: Record<string, unknown>, updatedAt: string | null, strategy: { id: string, code: string, name: string }, strategyVersion: { id: string, versionTag: string, template: string }, factors: Array<{ factor: string, points: number | null, weight: number, contribution: number, metrics: Array<{ metric: string, value: number | null, points: number | null }> }> };

export type CycleSummaryFragment = { id: string, status: EvaluationCycleStatus, reason: string, configurationCount: number, trialCount: number, evaluationDate: string | null, probabilityOfBacktestOverfitting: number | null, queuedAt: string, startedAt: string | null, completedAt: string | null, durationMs: number | null, failureReason: string | null };

export type ScorecardQueryVariables = Exact<{
  sort?: ScorecardSort | null | undefined;
  descending?: boolean | null | undefined;
}>;


export type ScorecardQuery = { scorecard: Array<{ id: string, evaluationDate: string, normalizedScore: number, rank: number | null, recommendation: Recommendation, rationale: Array<string>, complete: boolean, missingInputs: Array<string>, researchOnly: boolean, scoringPolicyVersion: string, inputs: Record<string, unknown>, updatedAt: string | null, strategy: { id: string, code: string, name: string }, strategyVersion: { id: string, versionTag: string, template: string }, factors: Array<{ factor: string, points: number | null, weight: number, contribution: number, metrics: Array<{ metric: string, value: number | null, points: number | null }> }> }>, evaluationCycles: { edges: Array<{ node: { id: string, status: EvaluationCycleStatus, reason: string, configurationCount: number, trialCount: number, evaluationDate: string | null, probabilityOfBacktestOverfitting: number | null, queuedAt: string, startedAt: string | null, completedAt: string | null, durationMs: number | null, failureReason: string | null } }> } };

export type ScorecardUpdatedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ScorecardUpdatedSubscription = { scorecardUpdated: { id: string, status: EvaluationCycleStatus, reason: string, configurationCount: number, trialCount: number, evaluationDate: string | null, probabilityOfBacktestOverfitting: number | null, queuedAt: string, startedAt: string | null, completedAt: string | null, durationMs: number | null, failureReason: string | null } };

export type RunEvaluationCycleMutationVariables = Exact<{
  input?: RunEvaluationCycleInput | null | undefined;
}>;


export type RunEvaluationCycleMutation = { runEvaluationCycle: { evaluationCycle: { id: string, status: EvaluationCycleStatus, reason: string, configurationCount: number, trialCount: number, evaluationDate: string | null, probabilityOfBacktestOverfitting: number | null, queuedAt: string, startedAt: string | null, completedAt: string | null, durationMs: number | null, failureReason: string | null } } };

export type RankHistoryQueryVariables = Exact<{
  strategyId: string | number;
}>;


export type RankHistoryQuery = { scorecardHistory: Array<{ id: string, evaluationDate: string, rank: number | null, normalizedScore: number, recommendation: Recommendation }> };

export type ExperimentComparisonQueryVariables = Exact<{
  cycleId: string | number;
  format: ExportFormat;
}>;


export type ExperimentComparisonQuery = { experimentComparison: string };

export type StrategiesQueryVariables = Exact<{ [key: string]: never; }>;


export type StrategiesQuery = { strategies: { totalCount: number, edges: Array<{ node: { id: string, code: string, name: string, lifecycleState: LifecycleState, riskCategory: RiskCategory, eligibleMarkets: Array<string>, latestScorecard: { id: string, rank: number | null, normalizedScore: number, recommendation: Recommendation } | null, versions: Array<{ id: string, versionTag: string, approvalStatus: ApprovalStatus }> } }> } };

export type StrategyDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type StrategyDetailQuery = { strategy: { id: string, code: string, name: string, objective: string, lifecycleState: LifecycleState, riskCategory: RiskCategory, eligibleMarkets: Array<string>, dependencyNotes: string | null, createdAt: string, updatedAt: string, versions: Array<{ id: string, versionTag: string, approvalStatus: ApprovalStatus, template: string, changelog: string, submittedAt: string, deterministicSeed: string, parameterSpace: Record<string, unknown> }>, history: Array<{ occurredAt: string, action: string, actorRole: string, subjectType: string, details: Record<string, unknown> }> } };

export type StrategySensitiveQueryVariables = Exact<{
  id: string | number;
}>;


export type StrategySensitiveQuery = { strategy: { id: string, capitalGuardrails: Record<string, unknown> | null, versions: Array<{ id: string, approvalMetadata: Record<string, unknown> | null }> } };

export type VersionDiffQueryVariables = Exact<{
  fromVersionId: string | number;
  toVersionId: string | number;
}>;


export type VersionDiffQuery = { strategyVersionDiff: Array<{ path: string, kind: string, before: string | null, after: string | null }> };

export type StrategyTemplatesQueryVariables = Exact<{ [key: string]: never; }>;


export type StrategyTemplatesQuery = { strategyTemplates: Array<{ id: string, name: string, description: string, parameterSpace: Record<string, unknown> }> };

export type RegisterStrategyMutationVariables = Exact<{
  input: RegisterStrategyInput;
}>;


export type RegisterStrategyMutation = { registerStrategy: { strategy: { id: string, code: string, name: string } } };

export type SubmitStrategyVersionMutationVariables = Exact<{
  input: SubmitStrategyVersionInput;
}>;


export type SubmitStrategyVersionMutation = { submitStrategyVersion: { strategyVersion: { id: string, versionTag: string, approvalStatus: ApprovalStatus } } };

export type ApproveStrategyVersionMutationVariables = Exact<{
  input: DecideStrategyVersionInput;
}>;


export type ApproveStrategyVersionMutation = { approveStrategyVersion: { strategyVersion: { id: string, versionTag: string, approvalStatus: ApprovalStatus } } };

export type RejectStrategyVersionMutationVariables = Exact<{
  input: DecideStrategyVersionInput;
}>;


export type RejectStrategyVersionMutation = { rejectStrategyVersion: { strategyVersion: { id: string, versionTag: string, approvalStatus: ApprovalStatus } } };

export type TransitionStrategyLifecycleMutationVariables = Exact<{
  input: TransitionStrategyLifecycleInput;
}>;


export type TransitionStrategyLifecycleMutation = { transitionStrategyLifecycle: { strategy: { id: string, lifecycleState: LifecycleState } } };

export type RequestManualRunMutationVariables = Exact<{
  input: RequestManualRunInput;
}>;


export type RequestManualRunMutation = { requestManualRun: { triggerEvent: { id: string, type: TriggerEventType, outcome: TriggerOutcome, outcomeReason: string, correlationId: string, receivedAt: string, enqueuedAt: string | null, details: Record<string, unknown>, links: Array<{ targetType: TriggerTargetType, targetId: string, taskIdentifier: string | null }> } } };

export type StrategyUpdatedSubscriptionVariables = Exact<{
  id?: string | number | null | undefined;
}>;


export type StrategyUpdatedSubscription = { strategyUpdated: { id: string, lifecycleState: LifecycleState } };

export type StrategyVersionUpdatedSubscriptionVariables = Exact<{
  strategyId?: string | number | null | undefined;
}>;


export type StrategyVersionUpdatedSubscription = { strategyVersionUpdated: { id: string, approvalStatus: ApprovalStatus } };

export type TriggerRowFragment = { id: string, type: TriggerEventType, subjectType: string, subjectId: string | null, details: Record<string, unknown>, correlationId: string, receivedAt: string, enqueuedAt: string | null, outcome: TriggerOutcome, outcomeReason: string, links: Array<{ targetType: TriggerTargetType, targetId: string, jobKey: string | null, taskIdentifier: string | null }> };

export type TriggerEventsQueryVariables = Exact<{ [key: string]: never; }>;


export type TriggerEventsQuery = { triggerEvents: { totalCount: number, edges: Array<{ node: { id: string, type: TriggerEventType, subjectType: string, subjectId: string | null, details: Record<string, unknown>, correlationId: string, receivedAt: string, enqueuedAt: string | null, outcome: TriggerOutcome, outcomeReason: string, links: Array<{ targetType: TriggerTargetType, targetId: string, jobKey: string | null, taskIdentifier: string | null }> } }> } };

export type TriggerRecordedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type TriggerRecordedSubscription = { triggerRecorded: { id: string, type: TriggerEventType, subjectType: string, subjectId: string | null, details: Record<string, unknown>, correlationId: string, receivedAt: string, enqueuedAt: string | null, outcome: TriggerOutcome, outcomeReason: string, links: Array<{ targetType: TriggerTargetType, targetId: string, jobKey: string | null, taskIdentifier: string | null }> } };

export type UsersQueryVariables = Exact<{ [key: string]: never; }>;


export type UsersQuery = { users: Array<{ id: string, email: string, displayName: string, roles: Array<Role>, active: boolean, totpEnabled: boolean, demo: boolean }> };

export type GrantRoleMutationVariables = Exact<{
  input: ChangeRoleInput;
}>;


export type GrantRoleMutation = { grantRole: { id: string, roles: Array<Role> } };

export type RevokeRoleMutationVariables = Exact<{
  input: ChangeRoleInput;
}>;


export type RevokeRoleMutation = { revokeRole: { id: string, roles: Array<Role> } };

export const IncidentRowFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"IncidentRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MonitoringIncident"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"incidentType"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"detectedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"context"}},{"kind":"Field","name":{"kind":"Name","value":"strategy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"triggerEvent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"outcomeReason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"followUpCycle"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"configurationCount"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationDate"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}}]}}]}}]} as unknown as DocumentNode<IncidentRowFragment, unknown>;
export const OptimizationRowFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OptimizationRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Optimization"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"databaseId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"searchMethod"}},{"kind":"Field","name":{"kind":"Name","value":"trialBudget"}},{"kind":"Field","name":{"kind":"Name","value":"trialsCompleted"}},{"kind":"Field","name":{"kind":"Name","value":"trialsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"segmentsCompleted"}},{"kind":"Field","name":{"kind":"Name","value":"segmentsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"objective"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}}]}},{"kind":"Field","name":{"kind":"Name","value":"datasets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"symbol"}}]}},{"kind":"Field","name":{"kind":"Name","value":"strategyVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"versionTag"}},{"kind":"Field","name":{"kind":"Name","value":"template"}}]}},{"kind":"Field","name":{"kind":"Name","value":"overfitting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"probabilityOfBacktestOverfitting"}},{"kind":"Field","name":{"kind":"Name","value":"deflatedSharpeRatio"}},{"kind":"Field","name":{"kind":"Name","value":"walkForwardEfficiency"}}]}}]}}]} as unknown as DocumentNode<OptimizationRowFragment, unknown>;
export const RegimeBreakdownFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RegimeBreakdown"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RegimeMetrics"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"regime"}},{"kind":"Field","name":{"kind":"Name","value":"barCount"}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sharpe"}},{"kind":"Field","name":{"kind":"Name","value":"totalReturn"}},{"kind":"Field","name":{"kind":"Name","value":"maxDrawdown"}},{"kind":"Field","name":{"kind":"Name","value":"winRate"}}]}}]}}]} as unknown as DocumentNode<RegimeBreakdownFragment, unknown>;
export const RunDetailFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RunDetail"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BacktestRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"databaseId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"triggerType"}},{"kind":"Field","name":{"kind":"Name","value":"regimeBand"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"engineVersion"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"feeBps"}},{"kind":"Field","name":{"kind":"Name","value":"slippageBps"}},{"kind":"Field","name":{"kind":"Name","value":"datasetChecksum"}},{"kind":"Field","name":{"kind":"Name","value":"parameterChecksum"}},{"kind":"Field","name":{"kind":"Name","value":"warningFlags"}},{"kind":"Field","name":{"kind":"Name","value":"robustnessScore"}},{"kind":"Field","name":{"kind":"Name","value":"regimeMetrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RegimeBreakdown"}}]}},{"kind":"Field","name":{"kind":"Name","value":"strategy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"strategyVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"versionTag"}},{"kind":"Field","name":{"kind":"Name","value":"template"}},{"kind":"Field","name":{"kind":"Name","value":"deterministicSeed"}}]}},{"kind":"Field","name":{"kind":"Name","value":"marketDataSet"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"symbolUniverse"}},{"kind":"Field","name":{"kind":"Name","value":"timeframe"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"checksum"}},{"kind":"Field","name":{"kind":"Name","value":"startAt"}},{"kind":"Field","name":{"kind":"Name","value":"endAt"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parameterConfig"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"checksum"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}}]}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalReturn"}},{"kind":"Field","name":{"kind":"Name","value":"cagr"}},{"kind":"Field","name":{"kind":"Name","value":"annualVolatility"}},{"kind":"Field","name":{"kind":"Name","value":"sharpe"}},{"kind":"Field","name":{"kind":"Name","value":"sortino"}},{"kind":"Field","name":{"kind":"Name","value":"calmar"}},{"kind":"Field","name":{"kind":"Name","value":"omega"}},{"kind":"Field","name":{"kind":"Name","value":"stability"}},{"kind":"Field","name":{"kind":"Name","value":"maxDrawdown"}},{"kind":"Field","name":{"kind":"Name","value":"maxDrawdownDurationBars"}},{"kind":"Field","name":{"kind":"Name","value":"downsideRisk"}},{"kind":"Field","name":{"kind":"Name","value":"valueAtRisk"}},{"kind":"Field","name":{"kind":"Name","value":"conditionalValueAtRisk"}},{"kind":"Field","name":{"kind":"Name","value":"tailRatio"}},{"kind":"Field","name":{"kind":"Name","value":"tradeCount"}},{"kind":"Field","name":{"kind":"Name","value":"winRate"}},{"kind":"Field","name":{"kind":"Name","value":"payoffRatio"}},{"kind":"Field","name":{"kind":"Name","value":"profitFactor"}},{"kind":"Field","name":{"kind":"Name","value":"exposure"}},{"kind":"Field","name":{"kind":"Name","value":"turnover"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RegimeBreakdown"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RegimeMetrics"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"regime"}},{"kind":"Field","name":{"kind":"Name","value":"barCount"}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sharpe"}},{"kind":"Field","name":{"kind":"Name","value":"totalReturn"}},{"kind":"Field","name":{"kind":"Name","value":"maxDrawdown"}},{"kind":"Field","name":{"kind":"Name","value":"winRate"}}]}}]}}]} as unknown as DocumentNode<RunDetailFragment, unknown>;
export const RunRowFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RunRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BacktestRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"databaseId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"engineVersion"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"feeBps"}},{"kind":"Field","name":{"kind":"Name","value":"slippageBps"}},{"kind":"Field","name":{"kind":"Name","value":"strategy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"strategyVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"versionTag"}},{"kind":"Field","name":{"kind":"Name","value":"template"}}]}},{"kind":"Field","name":{"kind":"Name","value":"marketDataSet"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"symbolUniverse"}},{"kind":"Field","name":{"kind":"Name","value":"timeframe"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parameterConfig"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}}]}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sharpe"}},{"kind":"Field","name":{"kind":"Name","value":"maxDrawdown"}},{"kind":"Field","name":{"kind":"Name","value":"totalReturn"}},{"kind":"Field","name":{"kind":"Name","value":"cagr"}},{"kind":"Field","name":{"kind":"Name","value":"tradeCount"}}]}}]}}]} as unknown as DocumentNode<RunRowFragment, unknown>;
export const ScorecardRowFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ScorecardRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ScorecardEntry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationDate"}},{"kind":"Field","name":{"kind":"Name","value":"normalizedScore"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"recommendation"}},{"kind":"Field","name":{"kind":"Name","value":"rationale"}},{"kind":"Field","name":{"kind":"Name","value":"complete"}},{"kind":"Field","name":{"kind":"Name","value":"missingInputs"}},{"kind":"Field","name":{"kind":"Name","value":"researchOnly"}},{"kind":"Field","name":{"kind":"Name","value":"scoringPolicyVersion"}},{"kind":"Field","name":{"kind":"Name","value":"inputs"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"strategy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"strategyVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"versionTag"}},{"kind":"Field","name":{"kind":"Name","value":"template"}}]}},{"kind":"Field","name":{"kind":"Name","value":"factors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"factor"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"weight"}},{"kind":"Field","name":{"kind":"Name","value":"contribution"}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"points"}}]}}]}}]}}]} as unknown as DocumentNode<ScorecardRowFragment, unknown>;
export const CycleSummaryFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CycleSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EvaluationCycle"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"configurationCount"}},{"kind":"Field","name":{"kind":"Name","value":"trialCount"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationDate"}},{"kind":"Field","name":{"kind":"Name","value":"probabilityOfBacktestOverfitting"}},{"kind":"Field","name":{"kind":"Name","value":"queuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}}]}}]} as unknown as DocumentNode<CycleSummaryFragment, unknown>;
export const TriggerRowFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TriggerRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TriggerEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"subjectType"}},{"kind":"Field","name":{"kind":"Name","value":"subjectId"}},{"kind":"Field","name":{"kind":"Name","value":"details"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}},{"kind":"Field","name":{"kind":"Name","value":"receivedAt"}},{"kind":"Field","name":{"kind":"Name","value":"enqueuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"outcomeReason"}},{"kind":"Field","name":{"kind":"Name","value":"links"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"targetType"}},{"kind":"Field","name":{"kind":"Name","value":"targetId"}},{"kind":"Field","name":{"kind":"Name","value":"jobKey"}},{"kind":"Field","name":{"kind":"Name","value":"taskIdentifier"}}]}}]}}]} as unknown as DocumentNode<TriggerRowFragment, unknown>;
export const ViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"credential"}},{"kind":"Field","name":{"kind":"Name","value":"totpEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"stepUpValidUntil"}},{"kind":"Field","name":{"kind":"Name","value":"permittedMutations"}},{"kind":"Field","name":{"kind":"Name","value":"stepUpRequiredFor"}}]}}]}}]} as unknown as DocumentNode<ViewerQuery, ViewerQueryVariables>;
export const SignInDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SignInInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signIn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]}}]} as unknown as DocumentNode<SignInMutation, SignInMutationVariables>;
export const SignOutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignOut"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signOut"}}]}}]} as unknown as DocumentNode<SignOutMutation, SignOutMutationVariables>;
export const StepUpDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StepUp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stepUp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"validUntil"}}]}}]}}]} as unknown as DocumentNode<StepUpMutation, StepUpMutationVariables>;
export const UnreadNotificationCountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UnreadNotificationCount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unreadNotificationCount"}}]}}]} as unknown as DocumentNode<UnreadNotificationCountQuery, UnreadNotificationCountQueryVariables>;
export const NotificationReceivedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"NotificationReceived"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"notificationReceived"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"readAt"}}]}}]}}]} as unknown as DocumentNode<NotificationReceivedSubscription, NotificationReceivedSubscriptionVariables>;
export const QueueFormOptionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"QueueFormOptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"strategies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"200"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"versions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"versionTag"}},{"kind":"Field","name":{"kind":"Name","value":"template"}},{"kind":"Field","name":{"kind":"Name","value":"parameterSpace"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"marketDataSets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"200"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"symbolUniverse"}},{"kind":"Field","name":{"kind":"Name","value":"timeframe"}},{"kind":"Field","name":{"kind":"Name","value":"startAt"}},{"kind":"Field","name":{"kind":"Name","value":"endAt"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}}]}}]}}]}}]}}]} as unknown as DocumentNode<QueueFormOptionsQuery, QueueFormOptionsQueryVariables>;
export const StartTotpEnrolmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartTotpEnrolment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startTotpEnrolment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"otpauthUri"}},{"kind":"Field","name":{"kind":"Name","value":"qrCodeSvg"}},{"kind":"Field","name":{"kind":"Name","value":"secret"}}]}}]}}]} as unknown as DocumentNode<StartTotpEnrolmentMutation, StartTotpEnrolmentMutationVariables>;
export const ConfirmTotpEnrolmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConfirmTotpEnrolment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"confirmTotpEnrolment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"validUntil"}}]}}]}}]} as unknown as DocumentNode<ConfirmTotpEnrolmentMutation, ConfirmTotpEnrolmentMutationVariables>;
export const ApiTokensDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ApiTokens"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiTokens"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"stepUp"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]}}]} as unknown as DocumentNode<ApiTokensQuery, ApiTokensQueryVariables>;
export const CreateApiTokenDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateApiToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateApiTokenInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createApiToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"apiToken"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<CreateApiTokenMutation, CreateApiTokenMutationVariables>;
export const RevokeApiTokenDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeApiToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeApiToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]}}]} as unknown as DocumentNode<RevokeApiTokenMutation, RevokeApiTokenMutationVariables>;
export const AuditEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"actorId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"action"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"subjectType"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"subjectId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTimeISO"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTimeISO"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"actorId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"actorId"}}},{"kind":"Argument","name":{"kind":"Name","value":"action"},"value":{"kind":"Variable","name":{"kind":"Name","value":"action"}}},{"kind":"Argument","name":{"kind":"Name","value":"subjectType"},"value":{"kind":"Variable","name":{"kind":"Name","value":"subjectType"}}},{"kind":"Argument","name":{"kind":"Name","value":"subjectId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"subjectId"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"actorId"}},{"kind":"Field","name":{"kind":"Name","value":"actorRole"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"subjectType"}},{"kind":"Field","name":{"kind":"Name","value":"subjectId"}},{"kind":"Field","name":{"kind":"Name","value":"details"}},{"kind":"Field","name":{"kind":"Name","value":"datasetChecksum"}},{"kind":"Field","name":{"kind":"Name","value":"engineVersion"}},{"kind":"Field","name":{"kind":"Name","value":"hash"}}]}}]}}]}}]} as unknown as DocumentNode<AuditEventsQuery, AuditEventsQueryVariables>;
export const VerifyAuditChainDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VerifyAuditChain"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verifyAuditChain"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"intact"}},{"kind":"Field","name":{"kind":"Name","value":"checkedCount"}},{"kind":"Field","name":{"kind":"Name","value":"brokenSequence"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"lastSequence"}},{"kind":"Field","name":{"kind":"Name","value":"checkpointCount"}}]}}]}}]} as unknown as DocumentNode<VerifyAuditChainQuery, VerifyAuditChainQueryVariables>;
export const ExportAuditEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExportAuditEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"format"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AuditExportFormat"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"actorId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"action"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"subjectType"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"subjectId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTimeISO"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTimeISO"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exportAuditEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"format"},"value":{"kind":"Variable","name":{"kind":"Name","value":"format"}}},{"kind":"Argument","name":{"kind":"Name","value":"actorId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"actorId"}}},{"kind":"Argument","name":{"kind":"Name","value":"action"},"value":{"kind":"Variable","name":{"kind":"Name","value":"action"}}},{"kind":"Argument","name":{"kind":"Name","value":"subjectType"},"value":{"kind":"Variable","name":{"kind":"Name","value":"subjectType"}}},{"kind":"Argument","name":{"kind":"Name","value":"subjectId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"subjectId"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}]}]}}]} as unknown as DocumentNode<ExportAuditEventsQuery, ExportAuditEventsQueryVariables>;
export const CompareRunsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CompareRuns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"compareBacktestRuns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}},{"kind":"Argument","name":{"kind":"Name","value":"maxPoints"},"value":{"kind":"IntValue","value":"400"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"strategy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"marketDataSet"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"symbolUniverse"}},{"kind":"Field","name":{"kind":"Name","value":"timeframe"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parameterConfig"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"values"}}]}},{"kind":"Field","name":{"kind":"Name","value":"timestamps"}},{"kind":"Field","name":{"kind":"Name","value":"equity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runId"}},{"kind":"Field","name":{"kind":"Name","value":"equity"}}]}}]}}]}}]} as unknown as DocumentNode<CompareRunsQuery, CompareRunsQueryVariables>;
export const MarketDataSetDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MarketDataSetDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"marketDataSet"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"databaseId"}},{"kind":"Field","name":{"kind":"Name","value":"symbolUniverse"}},{"kind":"Field","name":{"kind":"Name","value":"timeframe"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"startAt"}},{"kind":"Field","name":{"kind":"Name","value":"endAt"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"gapCount"}},{"kind":"Field","name":{"kind":"Name","value":"missingBarCount"}},{"kind":"Field","name":{"kind":"Name","value":"checksum"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"certifiedAt"}},{"kind":"Field","name":{"kind":"Name","value":"qualityFlags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flatBarCount"}},{"kind":"Field","name":{"kind":"Name","value":"zeroVolumeBars"}},{"kind":"Field","name":{"kind":"Name","value":"gaps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"after"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"missingBars"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MarketDataSetDetailQuery, MarketDataSetDetailQueryVariables>;
export const MarketDataSetBarsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MarketDataSetBars"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTimeISO"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"marketDataSet"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bars"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"close"}}]}}]}}]}}]} as unknown as DocumentNode<MarketDataSetBarsQuery, MarketDataSetBarsQueryVariables>;
export const MarketDataSetsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MarketDataSets"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"marketDataSets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"symbolUniverse"}},{"kind":"Field","name":{"kind":"Name","value":"timeframe"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"startAt"}},{"kind":"Field","name":{"kind":"Name","value":"endAt"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"gapCount"}},{"kind":"Field","name":{"kind":"Name","value":"missingBarCount"}},{"kind":"Field","name":{"kind":"Name","value":"checksum"}},{"kind":"Field","name":{"kind":"Name","value":"certifiedAt"}},{"kind":"Field","name":{"kind":"Name","value":"qualityFlags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flatBarCount"}},{"kind":"Field","name":{"kind":"Name","value":"zeroVolumeBars"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<MarketDataSetsQuery, MarketDataSetsQueryVariables>;
export const MarketDataSetCertifiedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"MarketDataSetCertified"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"marketDataSetCertified"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"checksum"}}]}}]}}]} as unknown as DocumentNode<MarketDataSetCertifiedSubscription, MarketDataSetCertifiedSubscriptionVariables>;
export const IncidentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Incidents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"IncidentStatus"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"incidents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"IncidentRow"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"IncidentRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MonitoringIncident"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"incidentType"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"detectedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"context"}},{"kind":"Field","name":{"kind":"Name","value":"strategy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"triggerEvent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"outcomeReason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"followUpCycle"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"configurationCount"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationDate"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}}]}}]}}]} as unknown as DocumentNode<IncidentsQuery, IncidentsQueryVariables>;
export const IncidentStrategiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"IncidentStrategies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"strategies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"200"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"lifecycleState"}}]}}]}}]}}]}}]} as unknown as DocumentNode<IncidentStrategiesQuery, IncidentStrategiesQueryVariables>;
export const OpenStrategyIncidentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OpenStrategyIncident"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"OpenStrategyIncidentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"openStrategyIncident"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"incident"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"IncidentRow"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"IncidentRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MonitoringIncident"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"incidentType"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"detectedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"context"}},{"kind":"Field","name":{"kind":"Name","value":"strategy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"triggerEvent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"outcomeReason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"followUpCycle"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"configurationCount"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationDate"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}}]}}]}}]} as unknown as DocumentNode<OpenStrategyIncidentMutation, OpenStrategyIncidentMutationVariables>;
export const ReviewIncidentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReviewIncident"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeIncidentStatusInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reviewIncident"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"incident"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"IncidentRow"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"IncidentRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MonitoringIncident"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"incidentType"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"detectedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"context"}},{"kind":"Field","name":{"kind":"Name","value":"strategy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"triggerEvent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"outcomeReason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"followUpCycle"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"configurationCount"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationDate"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}}]}}]}}]} as unknown as DocumentNode<ReviewIncidentMutation, ReviewIncidentMutationVariables>;
export const ResolveIncidentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResolveIncident"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeIncidentStatusInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resolveIncident"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"incident"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"IncidentRow"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"IncidentRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MonitoringIncident"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"incidentType"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"detectedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"context"}},{"kind":"Field","name":{"kind":"Name","value":"strategy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"triggerEvent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"outcomeReason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"followUpCycle"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"configurationCount"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationDate"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}}]}}]}}]} as unknown as DocumentNode<ResolveIncidentMutation, ResolveIncidentMutationVariables>;
export const CloseIncidentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CloseIncident"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeIncidentStatusInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"closeIncident"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"incident"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"IncidentRow"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"IncidentRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MonitoringIncident"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"incidentType"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"detectedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"context"}},{"kind":"Field","name":{"kind":"Name","value":"strategy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"triggerEvent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"outcomeReason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"followUpCycle"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"configurationCount"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationDate"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}}]}}]}}]} as unknown as DocumentNode<CloseIncidentMutation, CloseIncidentMutationVariables>;
export const IncidentCycleUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"IncidentCycleUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scorecardUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<IncidentCycleUpdatedSubscription, IncidentCycleUpdatedSubscriptionVariables>;
export const NotificationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Notifications"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"unreadOnly"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"notifications"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"200"}},{"kind":"Argument","name":{"kind":"Name","value":"unreadOnly"},"value":{"kind":"Variable","name":{"kind":"Name","value":"unreadOnly"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"subjectType"}},{"kind":"Field","name":{"kind":"Name","value":"subjectId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"readAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<NotificationsQuery, NotificationsQueryVariables>;
export const MarkNotificationsReadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MarkNotificationsRead"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MarkNotificationsReadInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"markNotificationsRead"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"notifications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"readAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}}]}}]}}]} as unknown as DocumentNode<MarkNotificationsReadMutation, MarkNotificationsReadMutationVariables>;
export const OperationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Operations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"operations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"windowHours"},"value":{"kind":"IntValue","value":"24"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"windowHours"}},{"kind":"Field","name":{"kind":"Name","value":"queues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"task"}},{"kind":"Field","name":{"kind":"Name","value":"queue"}},{"kind":"Field","name":{"kind":"Name","value":"waiting"}},{"kind":"Field","name":{"kind":"Name","value":"running"}},{"kind":"Field","name":{"kind":"Name","value":"retrying"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}}]}},{"kind":"Field","name":{"kind":"Name","value":"runningJobs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"task"}},{"kind":"Field","name":{"kind":"Name","value":"lockedBy"}},{"kind":"Field","name":{"kind":"Name","value":"lockedAt"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"maxAttempts"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"key"}}]}},{"kind":"Field","name":{"kind":"Name","value":"workers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workerId"}},{"kind":"Field","name":{"kind":"Name","value":"hostname"}},{"kind":"Field","name":{"kind":"Name","value":"pid"}},{"kind":"Field","name":{"kind":"Name","value":"concurrency"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeenAt"}},{"kind":"Field","name":{"kind":"Name","value":"ageSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"failureRates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"completed"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"failureRate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"triggerToEnqueue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"samples"}},{"kind":"Field","name":{"kind":"Name","value":"p50Ms"}},{"kind":"Field","name":{"kind":"Name","value":"p99Ms"}}]}},{"kind":"Field","name":{"kind":"Name","value":"enqueueToStart"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"samples"}},{"kind":"Field","name":{"kind":"Name","value":"p50Ms"}},{"kind":"Field","name":{"kind":"Name","value":"p99Ms"}}]}}]}}]}}]} as unknown as DocumentNode<OperationsQuery, OperationsQueryVariables>;
export const OptimizationDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OptimizationDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"trialsFirst"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"optimization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"databaseId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"searchMethod"}},{"kind":"Field","name":{"kind":"Name","value":"trialBudget"}},{"kind":"Field","name":{"kind":"Name","value":"seed"}},{"kind":"Field","name":{"kind":"Name","value":"feeBps"}},{"kind":"Field","name":{"kind":"Name","value":"slippageBps"}},{"kind":"Field","name":{"kind":"Name","value":"engineVersion"}},{"kind":"Field","name":{"kind":"Name","value":"parameterChecksum"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"bestParameters"}},{"kind":"Field","name":{"kind":"Name","value":"windows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scheme"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"trainSize"}},{"kind":"Field","name":{"kind":"Name","value":"testSize"}},{"kind":"Field","name":{"kind":"Name","value":"stepSize"}}]}},{"kind":"Field","name":{"kind":"Name","value":"objective"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"constraints"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"operator"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"datasets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"symbol"}},{"kind":"Field","name":{"kind":"Name","value":"checksum"}}]}},{"kind":"Field","name":{"kind":"Name","value":"strategyVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"versionTag"}},{"kind":"Field","name":{"kind":"Name","value":"template"}}]}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"trialsCompleted"}},{"kind":"Field","name":{"kind":"Name","value":"trialsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"segmentsCompleted"}},{"kind":"Field","name":{"kind":"Name","value":"segmentsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"fraction"}},{"kind":"Field","name":{"kind":"Name","value":"bestObjective"}},{"kind":"Field","name":{"kind":"Name","value":"etaSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"overfitting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"probabilityOfBacktestOverfitting"}},{"kind":"Field","name":{"kind":"Name","value":"deflatedSharpeRatio"}},{"kind":"Field","name":{"kind":"Name","value":"probabilisticSharpeRatio"}},{"kind":"Field","name":{"kind":"Name","value":"walkForwardEfficiency"}},{"kind":"Field","name":{"kind":"Name","value":"robustnessScore"}}]}},{"kind":"Field","name":{"kind":"Name","value":"outOfSampleMetrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sharpe"}},{"kind":"Field","name":{"kind":"Name","value":"cagr"}},{"kind":"Field","name":{"kind":"Name","value":"totalReturn"}},{"kind":"Field","name":{"kind":"Name","value":"maxDrawdown"}},{"kind":"Field","name":{"kind":"Name","value":"tradeCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"regimeMetrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RegimeBreakdown"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sensitivity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"centerScore"}},{"kind":"Field","name":{"kind":"Name","value":"meanNeighborScore"}},{"kind":"Field","name":{"kind":"Name","value":"neighborhoodRatio"}},{"kind":"Field","name":{"kind":"Name","value":"cells"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"parameter"}},{"kind":"Field","name":{"kind":"Name","value":"offset"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"score"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"segments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"segmentIndex"}},{"kind":"Field","name":{"kind":"Name","value":"trainStart"}},{"kind":"Field","name":{"kind":"Name","value":"testStart"}},{"kind":"Field","name":{"kind":"Name","value":"testEnd"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"feasible"}},{"kind":"Field","name":{"kind":"Name","value":"trialCount"}},{"kind":"Field","name":{"kind":"Name","value":"walkForwardEfficiency"}},{"kind":"Field","name":{"kind":"Name","value":"probabilityOfBacktestOverfitting"}},{"kind":"Field","name":{"kind":"Name","value":"marketDataSet"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"symbolUniverse"}}]}},{"kind":"Field","name":{"kind":"Name","value":"inSampleMetrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sharpe"}},{"kind":"Field","name":{"kind":"Name","value":"totalReturn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"outOfSampleMetrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sharpe"}},{"kind":"Field","name":{"kind":"Name","value":"totalReturn"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"trials"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"trialsFirst"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"trialIndex"}},{"kind":"Field","name":{"kind":"Name","value":"seed"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"feasible"}},{"kind":"Field","name":{"kind":"Name","value":"robustnessScore"}},{"kind":"Field","name":{"kind":"Name","value":"inSampleMetrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sharpe"}}]}},{"kind":"Field","name":{"kind":"Name","value":"outOfSampleMetrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sharpe"}},{"kind":"Field","name":{"kind":"Name","value":"totalReturn"}},{"kind":"Field","name":{"kind":"Name","value":"maxDrawdown"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"outOfSampleEquity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"maxPoints"},"value":{"kind":"IntValue","value":"600"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"equity"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RegimeBreakdown"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RegimeMetrics"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"regime"}},{"kind":"Field","name":{"kind":"Name","value":"barCount"}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sharpe"}},{"kind":"Field","name":{"kind":"Name","value":"totalReturn"}},{"kind":"Field","name":{"kind":"Name","value":"maxDrawdown"}},{"kind":"Field","name":{"kind":"Name","value":"winRate"}}]}}]}}]} as unknown as DocumentNode<OptimizationDetailQuery, OptimizationDetailQueryVariables>;
export const OptimizationProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"OptimizationProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"optimizationProgress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"trialsCompleted"}},{"kind":"Field","name":{"kind":"Name","value":"trialsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"segmentsCompleted"}},{"kind":"Field","name":{"kind":"Name","value":"segmentsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"fraction"}},{"kind":"Field","name":{"kind":"Name","value":"bestObjective"}},{"kind":"Field","name":{"kind":"Name","value":"etaSeconds"}}]}}]}}]} as unknown as DocumentNode<OptimizationProgressSubscription, OptimizationProgressSubscriptionVariables>;
export const OptimizationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Optimizations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"optimizations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OptimizationRow"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OptimizationRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Optimization"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"databaseId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"searchMethod"}},{"kind":"Field","name":{"kind":"Name","value":"trialBudget"}},{"kind":"Field","name":{"kind":"Name","value":"trialsCompleted"}},{"kind":"Field","name":{"kind":"Name","value":"trialsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"segmentsCompleted"}},{"kind":"Field","name":{"kind":"Name","value":"segmentsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"objective"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}}]}},{"kind":"Field","name":{"kind":"Name","value":"datasets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"symbol"}}]}},{"kind":"Field","name":{"kind":"Name","value":"strategyVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"versionTag"}},{"kind":"Field","name":{"kind":"Name","value":"template"}}]}},{"kind":"Field","name":{"kind":"Name","value":"overfitting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"probabilityOfBacktestOverfitting"}},{"kind":"Field","name":{"kind":"Name","value":"deflatedSharpeRatio"}},{"kind":"Field","name":{"kind":"Name","value":"walkForwardEfficiency"}}]}}]}}]} as unknown as DocumentNode<OptimizationsQuery, OptimizationsQueryVariables>;
export const QueueOptimizationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"QueueOptimization"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"QueueOptimizationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queueOptimization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"optimization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OptimizationRow"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OptimizationRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Optimization"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"databaseId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"searchMethod"}},{"kind":"Field","name":{"kind":"Name","value":"trialBudget"}},{"kind":"Field","name":{"kind":"Name","value":"trialsCompleted"}},{"kind":"Field","name":{"kind":"Name","value":"trialsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"segmentsCompleted"}},{"kind":"Field","name":{"kind":"Name","value":"segmentsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"objective"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}}]}},{"kind":"Field","name":{"kind":"Name","value":"datasets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"symbol"}}]}},{"kind":"Field","name":{"kind":"Name","value":"strategyVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"versionTag"}},{"kind":"Field","name":{"kind":"Name","value":"template"}}]}},{"kind":"Field","name":{"kind":"Name","value":"overfitting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"probabilityOfBacktestOverfitting"}},{"kind":"Field","name":{"kind":"Name","value":"deflatedSharpeRatio"}},{"kind":"Field","name":{"kind":"Name","value":"walkForwardEfficiency"}}]}}]}}]} as unknown as DocumentNode<QueueOptimizationMutation, QueueOptimizationMutationVariables>;
export const BacktestRunDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BacktestRunDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"backtestRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RunDetail"}},{"kind":"Field","name":{"kind":"Name","value":"equityCurve"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"maxPoints"},"value":{"kind":"IntValue","value":"2000"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"equity"}},{"kind":"Field","name":{"kind":"Name","value":"drawdown"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RegimeBreakdown"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RegimeMetrics"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"regime"}},{"kind":"Field","name":{"kind":"Name","value":"barCount"}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sharpe"}},{"kind":"Field","name":{"kind":"Name","value":"totalReturn"}},{"kind":"Field","name":{"kind":"Name","value":"maxDrawdown"}},{"kind":"Field","name":{"kind":"Name","value":"winRate"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RunDetail"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BacktestRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"databaseId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"triggerType"}},{"kind":"Field","name":{"kind":"Name","value":"regimeBand"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"engineVersion"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"feeBps"}},{"kind":"Field","name":{"kind":"Name","value":"slippageBps"}},{"kind":"Field","name":{"kind":"Name","value":"datasetChecksum"}},{"kind":"Field","name":{"kind":"Name","value":"parameterChecksum"}},{"kind":"Field","name":{"kind":"Name","value":"warningFlags"}},{"kind":"Field","name":{"kind":"Name","value":"robustnessScore"}},{"kind":"Field","name":{"kind":"Name","value":"regimeMetrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RegimeBreakdown"}}]}},{"kind":"Field","name":{"kind":"Name","value":"strategy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"strategyVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"versionTag"}},{"kind":"Field","name":{"kind":"Name","value":"template"}},{"kind":"Field","name":{"kind":"Name","value":"deterministicSeed"}}]}},{"kind":"Field","name":{"kind":"Name","value":"marketDataSet"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"symbolUniverse"}},{"kind":"Field","name":{"kind":"Name","value":"timeframe"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"checksum"}},{"kind":"Field","name":{"kind":"Name","value":"startAt"}},{"kind":"Field","name":{"kind":"Name","value":"endAt"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parameterConfig"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"checksum"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}}]}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalReturn"}},{"kind":"Field","name":{"kind":"Name","value":"cagr"}},{"kind":"Field","name":{"kind":"Name","value":"annualVolatility"}},{"kind":"Field","name":{"kind":"Name","value":"sharpe"}},{"kind":"Field","name":{"kind":"Name","value":"sortino"}},{"kind":"Field","name":{"kind":"Name","value":"calmar"}},{"kind":"Field","name":{"kind":"Name","value":"omega"}},{"kind":"Field","name":{"kind":"Name","value":"stability"}},{"kind":"Field","name":{"kind":"Name","value":"maxDrawdown"}},{"kind":"Field","name":{"kind":"Name","value":"maxDrawdownDurationBars"}},{"kind":"Field","name":{"kind":"Name","value":"downsideRisk"}},{"kind":"Field","name":{"kind":"Name","value":"valueAtRisk"}},{"kind":"Field","name":{"kind":"Name","value":"conditionalValueAtRisk"}},{"kind":"Field","name":{"kind":"Name","value":"tailRatio"}},{"kind":"Field","name":{"kind":"Name","value":"tradeCount"}},{"kind":"Field","name":{"kind":"Name","value":"winRate"}},{"kind":"Field","name":{"kind":"Name","value":"payoffRatio"}},{"kind":"Field","name":{"kind":"Name","value":"profitFactor"}},{"kind":"Field","name":{"kind":"Name","value":"exposure"}},{"kind":"Field","name":{"kind":"Name","value":"turnover"}}]}}]}}]} as unknown as DocumentNode<BacktestRunDetailQuery, BacktestRunDetailQueryVariables>;
export const BacktestRunDetailUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"BacktestRunDetailUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"backtestRunUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<BacktestRunDetailUpdatedSubscription, BacktestRunDetailUpdatedSubscriptionVariables>;
export const BacktestRunsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BacktestRuns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"backtestRuns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RunRow"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RunRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BacktestRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"databaseId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"engineVersion"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"feeBps"}},{"kind":"Field","name":{"kind":"Name","value":"slippageBps"}},{"kind":"Field","name":{"kind":"Name","value":"strategy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"strategyVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"versionTag"}},{"kind":"Field","name":{"kind":"Name","value":"template"}}]}},{"kind":"Field","name":{"kind":"Name","value":"marketDataSet"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"symbolUniverse"}},{"kind":"Field","name":{"kind":"Name","value":"timeframe"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parameterConfig"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}}]}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sharpe"}},{"kind":"Field","name":{"kind":"Name","value":"maxDrawdown"}},{"kind":"Field","name":{"kind":"Name","value":"totalReturn"}},{"kind":"Field","name":{"kind":"Name","value":"cagr"}},{"kind":"Field","name":{"kind":"Name","value":"tradeCount"}}]}}]}}]} as unknown as DocumentNode<BacktestRunsQuery, BacktestRunsQueryVariables>;
export const BacktestRunsUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"BacktestRunsUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"backtestRunUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RunRow"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RunRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BacktestRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"databaseId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"engineVersion"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"feeBps"}},{"kind":"Field","name":{"kind":"Name","value":"slippageBps"}},{"kind":"Field","name":{"kind":"Name","value":"strategy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"strategyVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"versionTag"}},{"kind":"Field","name":{"kind":"Name","value":"template"}}]}},{"kind":"Field","name":{"kind":"Name","value":"marketDataSet"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"symbolUniverse"}},{"kind":"Field","name":{"kind":"Name","value":"timeframe"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parameterConfig"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}}]}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sharpe"}},{"kind":"Field","name":{"kind":"Name","value":"maxDrawdown"}},{"kind":"Field","name":{"kind":"Name","value":"totalReturn"}},{"kind":"Field","name":{"kind":"Name","value":"cagr"}},{"kind":"Field","name":{"kind":"Name","value":"tradeCount"}}]}}]}}]} as unknown as DocumentNode<BacktestRunsUpdatedSubscription, BacktestRunsUpdatedSubscriptionVariables>;
export const QueueBacktestDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"QueueBacktest"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"QueueBacktestInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queueBacktest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"backtestRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RunRow"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RunRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BacktestRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"databaseId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"engineVersion"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"feeBps"}},{"kind":"Field","name":{"kind":"Name","value":"slippageBps"}},{"kind":"Field","name":{"kind":"Name","value":"strategy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"strategyVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"versionTag"}},{"kind":"Field","name":{"kind":"Name","value":"template"}}]}},{"kind":"Field","name":{"kind":"Name","value":"marketDataSet"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"symbolUniverse"}},{"kind":"Field","name":{"kind":"Name","value":"timeframe"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parameterConfig"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}}]}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sharpe"}},{"kind":"Field","name":{"kind":"Name","value":"maxDrawdown"}},{"kind":"Field","name":{"kind":"Name","value":"totalReturn"}},{"kind":"Field","name":{"kind":"Name","value":"cagr"}},{"kind":"Field","name":{"kind":"Name","value":"tradeCount"}}]}}]}}]} as unknown as DocumentNode<QueueBacktestMutation, QueueBacktestMutationVariables>;
export const ScorecardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Scorecard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sort"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ScorecardSort"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"descending"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scorecard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sort"}}},{"kind":"Argument","name":{"kind":"Name","value":"descending"},"value":{"kind":"Variable","name":{"kind":"Name","value":"descending"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ScorecardRow"}}]}},{"kind":"Field","name":{"kind":"Name","value":"evaluationCycles"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CycleSummary"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ScorecardRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ScorecardEntry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationDate"}},{"kind":"Field","name":{"kind":"Name","value":"normalizedScore"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"recommendation"}},{"kind":"Field","name":{"kind":"Name","value":"rationale"}},{"kind":"Field","name":{"kind":"Name","value":"complete"}},{"kind":"Field","name":{"kind":"Name","value":"missingInputs"}},{"kind":"Field","name":{"kind":"Name","value":"researchOnly"}},{"kind":"Field","name":{"kind":"Name","value":"scoringPolicyVersion"}},{"kind":"Field","name":{"kind":"Name","value":"inputs"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"strategy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"strategyVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"versionTag"}},{"kind":"Field","name":{"kind":"Name","value":"template"}}]}},{"kind":"Field","name":{"kind":"Name","value":"factors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"factor"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"weight"}},{"kind":"Field","name":{"kind":"Name","value":"contribution"}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"points"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CycleSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EvaluationCycle"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"configurationCount"}},{"kind":"Field","name":{"kind":"Name","value":"trialCount"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationDate"}},{"kind":"Field","name":{"kind":"Name","value":"probabilityOfBacktestOverfitting"}},{"kind":"Field","name":{"kind":"Name","value":"queuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}}]}}]} as unknown as DocumentNode<ScorecardQuery, ScorecardQueryVariables>;
export const ScorecardUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ScorecardUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scorecardUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CycleSummary"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CycleSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EvaluationCycle"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"configurationCount"}},{"kind":"Field","name":{"kind":"Name","value":"trialCount"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationDate"}},{"kind":"Field","name":{"kind":"Name","value":"probabilityOfBacktestOverfitting"}},{"kind":"Field","name":{"kind":"Name","value":"queuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}}]}}]} as unknown as DocumentNode<ScorecardUpdatedSubscription, ScorecardUpdatedSubscriptionVariables>;
export const RunEvaluationCycleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RunEvaluationCycle"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"RunEvaluationCycleInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runEvaluationCycle"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"evaluationCycle"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CycleSummary"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CycleSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EvaluationCycle"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"configurationCount"}},{"kind":"Field","name":{"kind":"Name","value":"trialCount"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationDate"}},{"kind":"Field","name":{"kind":"Name","value":"probabilityOfBacktestOverfitting"}},{"kind":"Field","name":{"kind":"Name","value":"queuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}}]}}]} as unknown as DocumentNode<RunEvaluationCycleMutation, RunEvaluationCycleMutationVariables>;
export const RankHistoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RankHistory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"strategyId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scorecardHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"strategyId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"strategyId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationDate"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"normalizedScore"}},{"kind":"Field","name":{"kind":"Name","value":"recommendation"}}]}}]}}]} as unknown as DocumentNode<RankHistoryQuery, RankHistoryQueryVariables>;
export const ExperimentComparisonDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExperimentComparison"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cycleId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"format"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ExportFormat"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"experimentComparison"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cycleId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cycleId"}}},{"kind":"Argument","name":{"kind":"Name","value":"format"},"value":{"kind":"Variable","name":{"kind":"Name","value":"format"}}}]}]}}]} as unknown as DocumentNode<ExperimentComparisonQuery, ExperimentComparisonQueryVariables>;
export const StrategiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Strategies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"strategies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"200"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"lifecycleState"}},{"kind":"Field","name":{"kind":"Name","value":"riskCategory"}},{"kind":"Field","name":{"kind":"Name","value":"eligibleMarkets"}},{"kind":"Field","name":{"kind":"Name","value":"latestScorecard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"normalizedScore"}},{"kind":"Field","name":{"kind":"Name","value":"recommendation"}}]}},{"kind":"Field","name":{"kind":"Name","value":"versions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"versionTag"}},{"kind":"Field","name":{"kind":"Name","value":"approvalStatus"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<StrategiesQuery, StrategiesQueryVariables>;
export const StrategyDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StrategyDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"strategy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"objective"}},{"kind":"Field","name":{"kind":"Name","value":"lifecycleState"}},{"kind":"Field","name":{"kind":"Name","value":"riskCategory"}},{"kind":"Field","name":{"kind":"Name","value":"eligibleMarkets"}},{"kind":"Field","name":{"kind":"Name","value":"dependencyNotes"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"versions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"versionTag"}},{"kind":"Field","name":{"kind":"Name","value":"approvalStatus"}},{"kind":"Field","name":{"kind":"Name","value":"template"}},{"kind":"Field","name":{"kind":"Name","value":"changelog"}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deterministicSeed"}},{"kind":"Field","name":{"kind":"Name","value":"parameterSpace"}}]}},{"kind":"Field","name":{"kind":"Name","value":"history"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"actorRole"}},{"kind":"Field","name":{"kind":"Name","value":"subjectType"}},{"kind":"Field","name":{"kind":"Name","value":"details"}}]}}]}}]}}]} as unknown as DocumentNode<StrategyDetailQuery, StrategyDetailQueryVariables>;
export const StrategySensitiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StrategySensitive"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"strategy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"capitalGuardrails"}},{"kind":"Field","name":{"kind":"Name","value":"versions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"approvalMetadata"}}]}}]}}]}}]} as unknown as DocumentNode<StrategySensitiveQuery, StrategySensitiveQueryVariables>;
export const VersionDiffDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VersionDiff"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"fromVersionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"toVersionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"strategyVersionDiff"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"fromVersionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"fromVersionId"}}},{"kind":"Argument","name":{"kind":"Name","value":"toVersionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"toVersionId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}}]}}]}}]} as unknown as DocumentNode<VersionDiffQuery, VersionDiffQueryVariables>;
export const StrategyTemplatesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StrategyTemplates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"strategyTemplates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"parameterSpace"}}]}}]}}]} as unknown as DocumentNode<StrategyTemplatesQuery, StrategyTemplatesQueryVariables>;
export const RegisterStrategyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterStrategy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterStrategyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerStrategy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"strategy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<RegisterStrategyMutation, RegisterStrategyMutationVariables>;
export const SubmitStrategyVersionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitStrategyVersion"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SubmitStrategyVersionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitStrategyVersion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"strategyVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"versionTag"}},{"kind":"Field","name":{"kind":"Name","value":"approvalStatus"}}]}}]}}]}}]} as unknown as DocumentNode<SubmitStrategyVersionMutation, SubmitStrategyVersionMutationVariables>;
export const ApproveStrategyVersionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApproveStrategyVersion"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DecideStrategyVersionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approveStrategyVersion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"strategyVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"versionTag"}},{"kind":"Field","name":{"kind":"Name","value":"approvalStatus"}}]}}]}}]}}]} as unknown as DocumentNode<ApproveStrategyVersionMutation, ApproveStrategyVersionMutationVariables>;
export const RejectStrategyVersionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RejectStrategyVersion"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DecideStrategyVersionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rejectStrategyVersion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"strategyVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"versionTag"}},{"kind":"Field","name":{"kind":"Name","value":"approvalStatus"}}]}}]}}]}}]} as unknown as DocumentNode<RejectStrategyVersionMutation, RejectStrategyVersionMutationVariables>;
export const TransitionStrategyLifecycleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TransitionStrategyLifecycle"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TransitionStrategyLifecycleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transitionStrategyLifecycle"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"strategy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"lifecycleState"}}]}}]}}]}}]} as unknown as DocumentNode<TransitionStrategyLifecycleMutation, TransitionStrategyLifecycleMutationVariables>;
export const RequestManualRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestManualRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RequestManualRunInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestManualRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"triggerEvent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"outcomeReason"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}},{"kind":"Field","name":{"kind":"Name","value":"receivedAt"}},{"kind":"Field","name":{"kind":"Name","value":"enqueuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"details"}},{"kind":"Field","name":{"kind":"Name","value":"links"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"targetType"}},{"kind":"Field","name":{"kind":"Name","value":"targetId"}},{"kind":"Field","name":{"kind":"Name","value":"taskIdentifier"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RequestManualRunMutation, RequestManualRunMutationVariables>;
export const StrategyUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"StrategyUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"strategyUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"lifecycleState"}}]}}]}}]} as unknown as DocumentNode<StrategyUpdatedSubscription, StrategyUpdatedSubscriptionVariables>;
export const StrategyVersionUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"StrategyVersionUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"strategyId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"strategyVersionUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"strategyId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"strategyId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"approvalStatus"}}]}}]}}]} as unknown as DocumentNode<StrategyVersionUpdatedSubscription, StrategyVersionUpdatedSubscriptionVariables>;
export const TriggerEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TriggerEvents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"triggerEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TriggerRow"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TriggerRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TriggerEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"subjectType"}},{"kind":"Field","name":{"kind":"Name","value":"subjectId"}},{"kind":"Field","name":{"kind":"Name","value":"details"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}},{"kind":"Field","name":{"kind":"Name","value":"receivedAt"}},{"kind":"Field","name":{"kind":"Name","value":"enqueuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"outcomeReason"}},{"kind":"Field","name":{"kind":"Name","value":"links"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"targetType"}},{"kind":"Field","name":{"kind":"Name","value":"targetId"}},{"kind":"Field","name":{"kind":"Name","value":"jobKey"}},{"kind":"Field","name":{"kind":"Name","value":"taskIdentifier"}}]}}]}}]} as unknown as DocumentNode<TriggerEventsQuery, TriggerEventsQueryVariables>;
export const TriggerRecordedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"TriggerRecorded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"triggerRecorded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TriggerRow"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TriggerRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TriggerEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"subjectType"}},{"kind":"Field","name":{"kind":"Name","value":"subjectId"}},{"kind":"Field","name":{"kind":"Name","value":"details"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}},{"kind":"Field","name":{"kind":"Name","value":"receivedAt"}},{"kind":"Field","name":{"kind":"Name","value":"enqueuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"outcomeReason"}},{"kind":"Field","name":{"kind":"Name","value":"links"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"targetType"}},{"kind":"Field","name":{"kind":"Name","value":"targetId"}},{"kind":"Field","name":{"kind":"Name","value":"jobKey"}},{"kind":"Field","name":{"kind":"Name","value":"taskIdentifier"}}]}}]}}]} as unknown as DocumentNode<TriggerRecordedSubscription, TriggerRecordedSubscriptionVariables>;
export const UsersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Users"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"totpEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"demo"}}]}}]}}]} as unknown as DocumentNode<UsersQuery, UsersQueryVariables>;
export const GrantRoleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"GrantRole"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeRoleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"grantRole"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}}]}}]}}]} as unknown as DocumentNode<GrantRoleMutation, GrantRoleMutationVariables>;
export const RevokeRoleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeRole"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeRoleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeRole"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}}]}}]}}]} as unknown as DocumentNode<RevokeRoleMutation, RevokeRoleMutationVariables>;