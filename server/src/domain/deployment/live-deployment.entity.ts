import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, idColumn } from '../columns.ts';
import { ParameterConfig } from '../strategy/parameter-config.entity.ts';
import { Strategy } from '../strategy/strategy.entity.ts';
import { StrategyVersion } from '../strategy/strategy-version.entity.ts';
import { User } from '../user/user.entity.ts';

/**
 * Activation states (data-model.md): pending → active; active ⇄ paused; active → rolled_back → retired.
 */
export const activationStates = ['pending', 'active', 'paused', 'rolled_back', 'retired'] as const;
export type ActivationState = (typeof activationStates)[number];

export const rolloutWaves = ['pilot', 'full'] as const;
export type RolloutWave = (typeof rolloutWaves)[number];

const LiveDeploymentSchema = defineEntity({
  name: 'LiveDeployment',
  tableName: 'live_deployment',
  properties: {
    id: idColumn(),
    strategy: p.manyToOne(Strategy).deleteRule('no action'),
    strategyVersion: p.manyToOne(StrategyVersion).deleteRule('no action'),
    parameterConfig: p.manyToOne(ParameterConfig).deleteRule('no action'),
    activationState: p.enum(activationStates).default('pending'),
    approvedBy: p.manyToOne(User).nullable().deleteRule('no action'),
    approvedAt: p.datetime().nullable(),
    /** Fraction of portfolio (0.05 = 5 %). */
    capitalAllocation: p.decimal('number').precision(12).scale(4).nullable(),
    rolloutWave: p.enum(rolloutWaves).nullable(),
    activationStartedAt: p.datetime().nullable(),
    activationCompletedAt: p.datetime().nullable(),
    /** Set when the deployment moves to `rolled_back`. */
    rollbackReason: p.text().nullable(),
    createdAt: createdAtColumn(),
  },
  indexes: [{ properties: ['strategy', 'activationState'] }],
});

/** A strategy version's configuration running against a live (or replayed) feed. */
export class LiveDeployment extends LiveDeploymentSchema.class {}
LiveDeploymentSchema.setClass(LiveDeployment);
