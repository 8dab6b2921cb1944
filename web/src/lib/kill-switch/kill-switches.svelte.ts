import type { Client } from '@urql/core';
import type { KillSwitchFieldsFragment } from '#lib/gql/graphql.ts';
import { KillSwitchChangedSubscription, KillSwitchesQuery } from './kill-switch.operations.ts';

/**
 * The kill switches for the whole app (runes): loaded on sign-in, kept current by `killSwitchChanged` (and reloaded
 * after the subscription socket reconnects). The banner on every page and the kill-switch control read it.
 */
export class KillSwitches {
  all = $state<KillSwitchFieldsFragment[]>([]);
  /** The switches that are on: while any is, no order reaches a broker in its scope. */
  on = $derived(this.all.filter((killSwitch) => killSwitch.state === 'ON'));
  private readonly client: Client;

  constructor(client: Client) {
    this.client = client;
  }

  /** Reloads every switch from the server. */
  async refresh(): Promise<void> {
    const result = await this.client.query(KillSwitchesQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    if (result.data) this.all = result.data.killSwitches;
  }

  /** Applies one switch as the server reports it (a mutation's answer or a pushed change). */
  apply(changed: KillSwitchFieldsFragment): void {
    const known = this.all.some((killSwitch) => killSwitch.id === changed.id);
    this.all = known ? this.all.map((killSwitch) => (killSwitch.id === changed.id ? changed : killSwitch)) : [...this.all, changed];
  }

  /** Follows pushed changes until the returned function is called. */
  follow(): () => void {
    const subscription = this.client.subscription(KillSwitchChangedSubscription, {}).subscribe((result) => {
      if (result.data?.killSwitchChanged) this.apply(result.data.killSwitchChanged);
    });
    return () => subscription.unsubscribe();
  }
}

const key = Symbol('kill-switches');
/** Context key of the app's KillSwitches. */
export const killSwitchesContextKey = key;
