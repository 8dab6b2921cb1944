import { stackFacts, withStackDatabase } from './stack-database.ts';

/**
 * Runs `open` (the spec opening its own promotion request through the API) while the e2e stack's TEST policy with open
 * evidence gates (seeded inactive by scripts/e2e-stack.ts; its version, which says so, is passed to `open`) is the
 * active promotion policy, and deactivates it again right after, whatever happened: the request keeps that version
 * (its gates, its approval matrix) and executes under it, while the strict default decides everything else on the
 * stack — the platform's own openings included. Arranged in the stack's database, as an operator would switch a
 * policy version; everything else goes through the API.
 */
export async function underGatesOpenPolicy<T>(open: (policyVersion: string) => Promise<T>): Promise<T> {
  const version = (await stackFacts()).gatesOpenPromotionPolicyVersion;
  const setActive = (active: boolean) => withStackDatabase((client) => client.query('update promotion_policy set active = $1 where version = $2', [active, version]));
  const updated = await setActive(true);
  if (updated.rowCount !== 1) throw new Error(`the e2e stack has no promotion policy ${version} (scripts/e2e-stack.ts seeds it)`);
  try {
    return await open(version);
  } finally {
    await setActive(false);
  }
}
