/** Domain model: entities, lifecycles, errors, events and job payloads. */
export { DomainError, TransientError, ValidationError, NotFoundError, ConflictError } from './errors.ts';
export { parseJobPayload, taskSettings, type TaskName, type JobPayload } from './jobs.ts';
export { eventChannel, type EventEnvelope, type EventTopic } from './events.ts';
export { newId } from './ids.ts';
export { Notification } from './notification/notification.entity.ts';
export type { Role } from './auth/roles.ts';
