import { expect, test, type APIRequestContext } from '@playwright/test';
import { demoTotpCode } from './auth.ts';
import { graphql } from './graphql.ts';

/** What `playwright` offers a spec for API clients (the fixture's `request` factory). */
export interface ApiClientFactory {
  request: { newContext(options: { baseURL?: string }): Promise<APIRequestContext> };
}

/**
 * An API client signed in as the demo person `person` (`<person>@demo.crucible.local`, e.g. production, ops, risk,
 * admin) and, unless `stepUp` is false, stepped up with the demo TOTP secret: a code already spent in its 30 s time
 * step is retried with the next step's, for up to 45 s, which is added to the test's timeout.
 */
export async function apiSignedInAs(playwright: ApiClientFactory, baseURL: string | undefined, person: string, stepUp = true): Promise<APIRequestContext> {
  const api = await playwright.request.newContext({ baseURL });
  await graphql(api, `mutation($input: SignInInput!) { signIn(input: $input) { viewer { id } } }`, { input: { email: `${person}@demo.crucible.local`, password: `${person}-demo-password` } });
  if (!stepUp) return api;
  test.info().setTimeout(test.info().timeout + 45_000);
  await expect(async () => {
    const response = await api.post('/graphql', { data: { query: `mutation($code: String!) { stepUp(code: $code) { validUntil } }`, variables: { code: demoTotpCode() } } });
    expect(((await response.json()) as { errors?: unknown[] }).errors).toBeUndefined();
  }).toPass({ timeout: 45_000 });
  return api;
}
