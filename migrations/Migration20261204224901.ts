import { Migration } from '@mikro-orm/migrations';

/**
 * Promotion and capital policies (issue 12, promotion-framework §3.A; DESIGN.md §2 "policies are versioned rows"):
 * one row per version, the definition as typed JSON validated at the edge (`parsePromotionPolicy`,
 * `parseCapitalPolicy`), seeded with version `2026.12.1` = the defaults in `server/src/domain/promotion`
 * (frozen here as data: a later default is a new version, never an edit of this one). A check keeps the row's
 * version equal to its definition's.
 */
export class Migration20261204224901 extends Migration {

  override name = 'Migration20261204224901';

  override up(): void | Promise<void> {
    for (const table of ['promotion_policy', 'capital_policy']) {
      this.addSql(`create table "${table}" ("id" uuid not null, "version" varchar(255) not null, "definition" jsonb not null, "active" boolean not null default true, "created_by_id" uuid null, "created_at" timestamptz not null default now(), primary key ("id"));`);
      this.addSql(`alter table "${table}" add constraint "${table}_version_unique" unique ("version");`);
      this.addSql(`alter table "${table}" add constraint "${table}_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on delete no action;`);
      this.addSql(`alter table "${table}" add constraint "${table}_definition_version_check" check ("definition"->>'version' = "version");`);
    }
    this.addSql(`insert into "promotion_policy" ("id", "version", "definition") values ('019aeb9a-7f00-7000-8000-000000000001', '2026.12.1', ${jsonLiteral(defaultPromotionPolicyV1)});`);
    this.addSql(`insert into "capital_policy" ("id", "version", "definition") values ('019aeb9a-7f00-7000-8000-000000000002', '2026.12.1', ${jsonLiteral(defaultCapitalPolicyV1)});`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "promotion_policy" cascade;`);
    this.addSql(`drop table if exists "capital_policy" cascade;`);
  }

}

/** A jsonb SQL literal of `value`. */
function jsonLiteral(value: unknown): string {
  return `'${JSON.stringify(value).replaceAll("'", "''")}'::jsonb`;
}

/** Promotion policy `2026.12.1` as seeded (promotion-framework §1.A–C, §2; orchestration FR-005/FR-006/SC-006/SC-010). */
const defaultPromotionPolicyV1 = {
  "version": "2026.12.1",
  "measurement": {
    "forwardHorizonEvaluations": 1,
    "informationCoefficientMinObservations": 5,
    "calibrationBuckets": 5,
    "discreteSignalMaxDistinctValues": 3,
    "maxQuoteAgeMs": 60000,
    "concentrationLimit": 0.2
  },
  "scorecard": {
    "requireComplete": true,
    "requireProductionStandard": true,
    "maxAgeDays": 7
  },
  "gates": {
    "observeToShadow": {
      "stabilityWindow": {
        "minSessions": 5,
        "minEvaluations": 500,
        "minFills": null,
        "minEvaluationsInsteadOfFills": null,
        "minOrders": null
      },
      "signalQuality": {
        "minCoverage": 0.9,
        "minHitRate": 0.52,
        "minMeanInformationCoefficient": 0.02,
        "maxNegativeInformationCoefficientDayShare": 0.6,
        "minLift": 0,
        "minCalibrationMonotonicBuckets": 4,
        "minWindowReturn": null,
        "minSharpe": null,
        "maxAverageDailyTurnover": null
      },
      "risk": {
        "minWorstDailyReturn": null,
        "minMaxDrawdown": null,
        "maxConcentrationViolations": null,
        "maxCriticalIncidents": 0,
        "maxWarningIncidents": null
      },
      "operational": {
        "minFreshQuoteFillShare": null,
        "maxMissingFieldRate": null,
        "maxEvaluationErrorRate": null,
        "maxOrderErrorRate": null,
        "maxRiskDenialRate": null,
        "maxMedianDecisionToOrderMs": null,
        "maxMedianFillDeviationBps": null,
        "maxDataIntegrityEvents": 2
      }
    },
    "shadowToPaper": {
      "stabilityWindow": {
        "minSessions": 10,
        "minEvaluations": null,
        "minFills": 50,
        "minEvaluationsInsteadOfFills": 1000,
        "minOrders": null
      },
      "signalQuality": {
        "minCoverage": null,
        "minHitRate": null,
        "minMeanInformationCoefficient": null,
        "maxNegativeInformationCoefficientDayShare": null,
        "minLift": null,
        "minCalibrationMonotonicBuckets": null,
        "minWindowReturn": 0,
        "minSharpe": 0.2,
        "maxAverageDailyTurnover": 1.5
      },
      "risk": {
        "minWorstDailyReturn": -0.02,
        "minMaxDrawdown": -0.03,
        "maxConcentrationViolations": 2,
        "maxCriticalIncidents": 0,
        "maxWarningIncidents": 3
      },
      "operational": {
        "minFreshQuoteFillShare": 0.99,
        "maxMissingFieldRate": 0.005,
        "maxEvaluationErrorRate": 0.001,
        "maxOrderErrorRate": 0.001,
        "maxRiskDenialRate": null,
        "maxMedianDecisionToOrderMs": null,
        "maxMedianFillDeviationBps": null,
        "maxDataIntegrityEvents": 2
      }
    },
    "paperToLive": {
      "stabilityWindow": {
        "minSessions": 20,
        "minEvaluations": null,
        "minFills": null,
        "minEvaluationsInsteadOfFills": null,
        "minOrders": 100
      },
      "signalQuality": {
        "minCoverage": null,
        "minHitRate": null,
        "minMeanInformationCoefficient": null,
        "maxNegativeInformationCoefficientDayShare": null,
        "minLift": null,
        "minCalibrationMonotonicBuckets": null,
        "minWindowReturn": 0,
        "minSharpe": null,
        "maxAverageDailyTurnover": null
      },
      "risk": {
        "minWorstDailyReturn": -0.01,
        "minMaxDrawdown": -0.02,
        "maxConcentrationViolations": 0,
        "maxCriticalIncidents": 0,
        "maxWarningIncidents": 3
      },
      "operational": {
        "minFreshQuoteFillShare": 0.99,
        "maxMissingFieldRate": 0.005,
        "maxEvaluationErrorRate": 0.001,
        "maxOrderErrorRate": 0.005,
        "maxRiskDenialRate": 0.02,
        "maxMedianDecisionToOrderMs": 5000,
        "maxMedianFillDeviationBps": 25,
        "maxDataIntegrityEvents": 0
      }
    }
  },
  "approvalMatrix": {
    "observeToShadow": {
      "steps": [
        {
          "key": "strategyReviewer",
          "roles": [
            "production"
          ],
          "afterOtherSteps": false
        }
      ],
      "autoApprove": false
    },
    "shadowToPaper": {
      "steps": [
        {
          "key": "riskApprover",
          "roles": [
            "risk"
          ],
          "afterOtherSteps": false
        },
        {
          "key": "opsApprover",
          "roles": [
            "production"
          ],
          "afterOtherSteps": false
        }
      ],
      "autoApprove": false
    },
    "paperToLive": {
      "steps": [
        {
          "key": "riskApprover",
          "roles": [
            "risk"
          ],
          "afterOtherSteps": false
        },
        {
          "key": "opsApprover",
          "roles": [
            "production"
          ],
          "afterOtherSteps": false
        },
        {
          "key": "finalAuthorizer",
          "roles": [
            "production"
          ],
          "afterOtherSteps": true
        }
      ],
      "autoApprove": false
    }
  },
  "portfolio": {
    "liveCap": 35,
    "maxTemplateShare": 0.3,
    "maxPairwiseCorrelation": 0.7,
    "correlationWindowDays": 90,
    "minCorrelationOverlapDays": 30
  },
  "candidate": {
    "topFraction": 0.1,
    "consecutiveEvaluationDays": 30,
    "requireProductionStandard": true
  },
  "demotion": {
    "lookbackDays": 30,
    "minDailyReturn": -0.02,
    "minDrawdown": -0.05,
    "maxConcentrationViolations": 2,
    "maxWarningIncidents": 3,
    "maxOrderErrorRate": 0.05,
    "minOrdersForErrorRate": 20,
    "maxDegradedMs": 900000,
    "maxDataIntegrityEvents": {
      "stale_data": 0,
      "missing_quote_fields": 2,
      "clock_skew": 0,
      "schema_drift": 2,
      "out_of_order": 2
    }
  }
};

/** Capital policy `2026.12.1` as seeded. */
const defaultCapitalPolicyV1 = {
  "version": "2026.12.1",
  "allocatedStages": [
    "PAPER",
    "LIVE"
  ],
  "maxTotalAllocation": 1,
  "minAllocation": 0.005,
  "rankTiers": [
    {
      "maxRankPercentile": 0.02,
      "allocation": 0.05
    },
    {
      "maxRankPercentile": 0.05,
      "allocation": 0.04
    },
    {
      "maxRankPercentile": 0.1,
      "allocation": 0.03
    }
  ],
  "baseAllocation": 0.02,
  "guardrails": {
    "low": 0.1,
    "moderate": 0.05,
    "high": 0.025
  },
  "pilotFraction": 0.25
};
