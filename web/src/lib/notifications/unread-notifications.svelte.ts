import type { Client } from '@urql/core';
import { UnreadNotificationCountQuery } from './notifications.operations.ts';

/**
 * The signed-in caller's unread notification count for the top-bar badge (runes). Refreshed on navigation and by
 * pages that change it (marking notifications read, opening an incident); null until first loaded.
 */
export class UnreadNotifications {
  count = $state<number | null>(null);
  private readonly client: Client;

  constructor(client: Client) {
    this.client = client;
  }

  /** Reloads the count from the server (clears it when the query fails, e.g. after signing out). */
  async refresh(): Promise<void> {
    const result = await this.client.query(UnreadNotificationCountQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    this.count = result.data?.unreadNotificationCount ?? null;
  }

  /** Sets the count a mutation reported. */
  set(count: number): void {
    this.count = count;
  }
}

const key = Symbol('unread-notifications');
/** Context key of the app's UnreadNotifications. */
export const unreadNotificationsContextKey = key;
