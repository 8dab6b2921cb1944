import type { Client } from '@urql/core';
import type { ViewerQuery as ViewerQueryResult } from '#lib/gql/graphql.ts';
import { ViewerQuery } from './auth.operations.ts';

export type Viewer = NonNullable<ViewerQueryResult['me']>;

/**
 * The signed-in caller for the whole app (runes): who they are, their roles and which mutations they may run.
 * Pages hide what `can` denies; the server enforces it regardless.
 */
export class ViewerState {
  current = $state<Viewer | null>(null);
  loaded = $state(false);
  private readonly client: Client;

  constructor(client: Client) {
    this.client = client;
  }

  /** Reloads `me` from the server (after sign-in, step-up or sign-out). */
  async refresh(): Promise<void> {
    const result = await this.client.query(ViewerQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    this.current = result.data?.me ?? null;
    this.loaded = true;
  }

  /** True when the caller may run `mutation` now. */
  can(mutation: string): boolean {
    return this.current?.permittedMutations.includes(mutation) ?? false;
  }

  /** True when the role allows `mutation` but a TOTP step-up comes first. */
  needsStepUp(mutation: string): boolean {
    return this.current?.stepUpRequiredFor.includes(mutation) ?? false;
  }

  /** True when the caller holds `role` (GraphQL spelling, e.g. `ADMIN`). */
  hasRole(...roles: string[]): boolean {
    return roles.some((role) => this.current?.roles.includes(role as never) ?? false);
  }
}

const key = Symbol('viewer');
/** Context key of the app's ViewerState. */
export const viewerContextKey = key;
