import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, idColumn } from '../columns.ts';
import { StrategyVersion } from './strategy-version.entity.ts';

export const parameterConfigSources = ['research', 'optimization', 'rollback'] as const;
export type ParameterConfigSource = (typeof parameterConfigSources)[number];

const ParameterConfigSchema = defineEntity({
  name: 'ParameterConfig',
  tableName: 'parameter_config',
  properties: {
    id: idColumn(),
    strategyVersion: p.manyToOne(StrategyVersion).deleteRule('cascade'),
    label: p.string(),
    parameters: p.json<Record<string, number | string | boolean>>().columnType('jsonb'),
    source: p.enum(parameterConfigSources),
    /** SHA-256 (hex) of the parameters serialized with sorted keys: the dedupe key. */
    checksum: p.string().length(64),
    createdAt: createdAtColumn(),
  },
  uniques: [{ properties: ['strategyVersion', 'checksum'] }],
});

/** One concrete point of a version's parameter space, deduplicated by checksum. */
export class ParameterConfig extends ParameterConfigSchema.class {}
ParameterConfigSchema.setClass(ParameterConfig);
