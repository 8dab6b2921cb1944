import { describe, expect, it } from 'vitest';
import { defaultPromotionPolicy } from '../../src/domain/promotion/promotion-policy.ts';
import { connectedAs as as } from '../support/postgres-client.ts';
import { useApiHarness } from '../support/test-server.ts';

const api = useApiHarness();

const query = `{
  promotionPolicy {
    version valid invalidReason createdAt
    definition {
      version
      gates { shadowToPaper { stabilityWindow { minSessions minFills minEvaluationsInsteadOfFills } risk { minMaxDrawdown maxCriticalIncidents } } }
      approvalMatrix { paperToLive { autoApprove steps { key roles afterOtherSteps } } }
      portfolio { liveCap maxTemplateShare maxPairwiseCorrelation }
      candidate { topFraction consecutiveEvaluationDays }
      demotion { minDailyReturn maxDataIntegrityEvents { kind maxEvents } }
    }
  }
}`;

interface PolicyAnswer {
  promotionPolicy: {
    version: string | null;
    valid: boolean;
    invalidReason: string | null;
    definition: Record<string, unknown> | null;
  };
}

describe('promotionPolicy query', () => {
  it('serves the policy in force as typed fields; a newer invalid version turns it fail-closed with the field named', async () => {
    const result = await api.request<PolicyAnswer>(query, {}, { role: 'research' });
    expect(result.errors).toBeUndefined();
    expect(result.data!.promotionPolicy).toMatchObject({
      version: '2026.12.1',
      valid: true,
      invalidReason: null,
      definition: {
        version: '2026.12.1',
        gates: { shadowToPaper: { stabilityWindow: { minSessions: 10, minFills: 50, minEvaluationsInsteadOfFills: 1000 }, risk: { minMaxDrawdown: -0.03, maxCriticalIncidents: 0 } } },
        approvalMatrix: {
          paperToLive: {
            autoApprove: false,
            steps: [
              { key: 'riskApprover', roles: ['RISK'], afterOtherSteps: false },
              { key: 'opsApprover', roles: ['PRODUCTION'], afterOtherSteps: false },
              { key: 'finalAuthorizer', roles: ['PRODUCTION'], afterOtherSteps: true },
            ],
          },
        },
        portfolio: { liveCap: 35, maxTemplateShare: 0.3, maxPairwiseCorrelation: 0.7 },
        candidate: { topFraction: 0.1, consecutiveEvaluationDays: 30 },
        demotion: { minDailyReturn: -0.02, maxDataIntegrityEvents: expect.arrayContaining([{ kind: 'STALE_FEED', maxEvents: 0 }, { kind: 'INVALID_BAR', maxEvents: 2 }]) },
      },
    });

    await as(api.database.url, async (client) => {
      const broken = { ...structuredClone(defaultPromotionPolicy), version: '2026.12.2-broken', experimental: true };
      await client.query(`insert into promotion_policy (id, version, definition, created_at) values (gen_random_uuid(), $1, $2::jsonb, now() + interval '1 second')`, [broken.version, JSON.stringify(broken)]);
    });
    const failClosed = await api.request<PolicyAnswer>(query, {}, { role: 'production' });
    expect(failClosed.errors).toBeUndefined();
    expect(failClosed.data!.promotionPolicy).toMatchObject({ version: '2026.12.2-broken', valid: false, definition: null });
    expect(failClosed.data!.promotionPolicy.invalidReason).toContain('experimental: unknown field; everything stays OBSERVE');
  });

  it('needs a signed-in caller', async () => {
    const result = await api.request(query, {}, 'anonymous');
    expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
