import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, doubleColumn, idColumn } from '../columns.ts';
import type { GovernanceSimulationInput } from './simulation-input.ts';
import type { SimulationPolicyVersions } from './simulation-policies.ts';
import { simulationRunStatuses } from './simulation-run.lifecycle.ts';

/**
 * One governance simulation (issue 15): a baseline arm and a variant arm over the same history and seed. Its own
 * table, isolated from every real record (no foreign key to a deployment, request or record; `simulated` is always
 * true): nothing a simulation produces is ever mixed with real governance.
 */
const SimulationRunSchema = defineEntity({
  name: 'SimulationRun',
  tableName: 'governance_simulation_run',
  properties: {
    id: idColumn(),
    /** Always true (checked by the table): everything in this row is simulated. */
    simulated: p.boolean().default(true),
    status: p.enum(simulationRunStatuses).default('queued'),
    /** The baseline arm's input (period as ms, policy versions, templates, seed, simulated approvers). */
    input: p.json<GovernanceSimulationInput>().columnType('jsonb'),
    /** The variant arm's policy versions (everything else is the baseline's). */
    variantPolicies: p.json<SimulationPolicyVersions>().columnType('jsonb'),
    /** Fraction 0–1 of the two arms simulated so far. */
    progress: doubleColumn().default(0),
    /** The simulated clock of the arm in progress. */
    simulatedUntil: p.datetime().nullable(),
    /** The comparison (both reports, divergences) as JSON; null unless completed. */
    result: p.json<Record<string, unknown>>().columnType('jsonb').nullable(),
    failureReason: p.text().nullable(),
    /** Who started it (user id); null for the platform. */
    createdById: p.uuid().nullable(),
    correlationId: p.string(),
    startedAt: p.datetime().nullable(),
    completedAt: p.datetime().nullable(),
    createdAt: createdAtColumn(),
  },
  indexes: [{ properties: ['createdAt'] }],
});

export class SimulationRun extends SimulationRunSchema.class {}
SimulationRunSchema.setClass(SimulationRun);
