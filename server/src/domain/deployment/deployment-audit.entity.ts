import { defineEntity, p } from '@mikro-orm/core';
import { idColumn } from '../columns.ts';
import { User } from '../user/user.entity.ts';
import { Deployment } from './deployment.entity.ts';

export const deploymentAuditActions = ['promote', 'rollback', 'pause', 'resume', 'capital_update'] as const;
export type DeploymentAuditAction = (typeof deploymentAuditActions)[number];

export const actorRoles = ['research', 'production', 'risk', 'compliance', 'system'] as const;
export type ActorRole = (typeof actorRoles)[number];

const DeploymentAuditSchema = defineEntity({
  name: 'DeploymentAudit',
  tableName: 'deployment_audit',
  properties: {
    id: idColumn(),
    deployment: p.manyToOne(Deployment).deleteRule('no action'),
    action: p.enum(deploymentAuditActions),
    actor: p.manyToOne(User).deleteRule('no action'),
    actorRole: p.enum(actorRoles),
    occurredAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
    /** Snapshot of configuration, approvals and benchmark metrics at the time of the action. */
    details: p.json<Record<string, unknown>>().columnType('jsonb'),
  },
  indexes: [{ properties: ['deployment', 'occurredAt'] }],
});

/** An append-only record of an action on a deployment. */
export class DeploymentAudit extends DeploymentAuditSchema.class {}
DeploymentAuditSchema.setClass(DeploymentAudit);
