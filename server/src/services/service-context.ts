import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../domain/auth/actor.ts';
import type { SignInThrottlePolicy } from '../domain/auth/sign-in-throttle.ts';
import type { VenueProvider } from '../domain/deployment/venue.ts';
import type { SecuritySettings } from '../infra/security/security-settings.ts';
import type { Clock } from '../infra/clock.ts';
import type { NotificationDeliverySettings } from '../infra/notification/delivery-settings.ts';
import type { Logger } from '../infra/logger.ts';

/**
 * What one use-case runs with. Built per GraphQL request (a forked EntityManager) and per worker job, by
 * `createServices`, so the API and jobs share every use-case.
 */
export interface ServiceContext {
  /** A forked EntityManager owned by this request or job. */
  em: EntityManager;
  clock: Clock;
  logger: Logger;
  /** Carried from the request or trigger into logs, runs and jobs. */
  correlationId: string;
  /** Who acts: a signed-in user, the platform (`system`), or an anonymous caller. Services authorize against it. */
  actor: Actor;
}

/** Settings services need from configuration. */
export interface ServiceSettings {
  /** Directory the import mutation may read from. */
  importDir: string;
  /** Signing and encryption keys; defaults to the demo keys (refused by production mode at configuration). */
  security?: SecuritySettings;
  /** Sign-in throttling thresholds and delays (defaults: `defaultSignInThrottle`). */
  signInThrottle?: Partial<SignInThrottlePolicy>;
  /** Exchange connectors for live feeds and LIVE orders; without them a live feed cannot be read and LIVE runs as OBSERVE. */
  venues?: VenueProvider;
  /** Bars one deployment bar job processes at most (default `runnerSettings.maxBarsPerJob`); tests lower it to exercise batching. */
  deploymentBatchBars?: number;
  /**
   * How many batched monitoring jobs the deployments are spread over (1–256, by deployment id; default
   * `defaultMonitoringBatchShards` = 8; see `monitoringBatchJobKey`). 1 = one platform-wide job.
   */
  monitoringBatchShards?: number;
  /** Retry policy, webhook timeout and SMTP server of notification channels (default: `defaultNotificationDeliverySettings`, no SMTP). */
  notificationDelivery?: NotificationDeliverySettings;
}
