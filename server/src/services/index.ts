/** Use-cases shared by the GraphQL API, the worker and the CLI. */
export { createServices, type Services } from './create-services.ts';
export { createSystemServices } from './system-services.ts';
export type { ServiceContext, ServiceSettings } from './service-context.ts';
export { DeploymentRunnerService } from './deployment/deployment-runner.service.ts';
export type { NotificationMessage } from './notification/notification.service.ts';
export { previousUtcDay } from './reporting/daily-report.service.ts';
export { monitoringBatchJobKey } from './monitoring/monitoring.service.ts';
