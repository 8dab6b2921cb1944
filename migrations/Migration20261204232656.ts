import { Migration } from '@mikro-orm/migrations';

/**
 * Monitoring policy (issue 13; DESIGN.md §2 "policies are versioned rows"): one row per version, the definition as
 * typed JSON validated at the edge (`parseMonitoringPolicy`), seeded with version `2026.12.1` = the defaults in
 * `server/src/domain/monitoring/policy` (frozen here as data: a later default is a new version, never an edit of this
 * one). A check keeps the row's version equal to its definition's. Same shape as promotion_policy.
 */
export class Migration20261204232656 extends Migration {

  override name = 'Migration20261204232656';

  override up(): void | Promise<void> {
    this.addSql(`create table "monitoring_policy" ("id" uuid not null, "version" varchar(255) not null, "definition" jsonb not null, "active" boolean not null default true, "created_by_id" uuid null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "monitoring_policy" add constraint "monitoring_policy_version_unique" unique ("version");`);
    this.addSql(`alter table "monitoring_policy" add constraint "monitoring_policy_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on delete no action;`);
    this.addSql(`alter table "monitoring_policy" add constraint "monitoring_policy_definition_version_check" check ("definition"->>'version' = "version");`);
    this.addSql(`insert into "monitoring_policy" ("id", "version", "definition") values ('019aeb9a-7f00-7000-8000-000000000003', '2026.12.1', ${jsonLiteral(defaultMonitoringPolicyV1)});`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "monitoring_policy" cascade;`);
  }

}

/** A jsonb SQL literal of `value`. */
function jsonLiteral(value: unknown): string {
  return `'${JSON.stringify(value).replaceAll("'", "''")}'::jsonb`;
}

/** Monitoring policy `2026.12.1` as seeded (specs decisions table; issue 13's table; promotion-framework §2, §5). */
const defaultMonitoringPolicyV1 = {
  "version": "2026.12.1",
  "benchmark": {
    "topAltSymbol": null,
    "topAltVolumeWindowDays": 30,
    "maxAgeBars": 2
  },
  "rules": {
    "benchmarkLag": {
      "enabled": true,
      "windowDays": 30,
      "minActiveReturn": -0.02,
      "persistence": {
        "minBars": 3,
        "minDurationMs": 0
      },
      "action": {
        "kind": "rollback",
        "severity": "critical",
        "toStage": "shadow",
        "positionSizeFactor": null,
        "revalidate": true,
        "freeze": false
      }
    },
    "drawdownVsBenchmark": {
      "enabled": true,
      "windowDays": 30,
      "maxDrawdownMultiple": 1.5,
      "minLiveDrawdown": -0.05,
      "persistence": {
        "minBars": 3,
        "minDurationMs": 0
      },
      "action": {
        "kind": "rollback",
        "severity": "critical",
        "toStage": "shadow",
        "positionSizeFactor": null,
        "revalidate": true,
        "freeze": false
      }
    },
    "underperformance": {
      "enabled": true,
      "windowDays": 30,
      "minActiveReturn": -0.15,
      "persistence": {
        "minBars": 3,
        "minDurationMs": 0
      },
      "action": {
        "kind": "deactivate",
        "severity": "critical",
        "toStage": null,
        "positionSizeFactor": null,
        "revalidate": true,
        "freeze": false
      }
    },
    "drawdown": {
      "enabled": true,
      "windowDays": 30,
      "minDrawdown": -0.2,
      "persistence": {
        "minBars": 1,
        "minDurationMs": 0
      },
      "action": {
        "kind": "throttle",
        "severity": "warning",
        "toStage": null,
        "positionSizeFactor": 0.5,
        "revalidate": false,
        "freeze": false
      }
    },
    "dailyLoss": {
      "enabled": true,
      "windowDays": 1,
      "minDailyReturn": -0.02,
      "persistence": {
        "minBars": 1,
        "minDurationMs": 0
      },
      "action": {
        "kind": "demote",
        "severity": "critical",
        "toStage": "shadow",
        "positionSizeFactor": null,
        "revalidate": false,
        "freeze": false
      }
    },
    "valueAtRisk": {
      "enabled": true,
      "windowDays": 30,
      "minValueAtRisk": -0.05,
      "minObservations": 20,
      "persistence": {
        "minBars": 1,
        "minDurationMs": 0
      },
      "action": {
        "kind": "warning",
        "severity": "warning",
        "toStage": null,
        "positionSizeFactor": null,
        "revalidate": false,
        "freeze": false
      }
    },
    "conditionalValueAtRisk": {
      "enabled": true,
      "windowDays": 30,
      "minConditionalValueAtRisk": -0.08,
      "minObservations": 20,
      "persistence": {
        "minBars": 1,
        "minDurationMs": 0
      },
      "action": {
        "kind": "warning",
        "severity": "warning",
        "toStage": null,
        "positionSizeFactor": null,
        "revalidate": false,
        "freeze": false
      }
    },
    "drift": {
      "enabled": true,
      "windowDays": 90,
      "minSharpeRatioToExpected": 0.5,
      "persistence": {
        "minBars": 1,
        "minDurationMs": 0
      },
      "action": {
        "kind": "drift_alert",
        "severity": "warning",
        "toStage": null,
        "positionSizeFactor": null,
        "revalidate": true,
        "freeze": false
      }
    },
    "correlation": {
      "enabled": true,
      "windowDays": 30,
      "maxCorrelation": 0.8,
      "minOverlapDays": 20,
      "persistence": {
        "minBars": 1,
        "minDurationMs": 0
      },
      "action": {
        "kind": "redundancy_flag",
        "severity": "warning",
        "toStage": null,
        "positionSizeFactor": null,
        "revalidate": false,
        "freeze": false
      }
    },
    "regimeChange": {
      "enabled": true,
      "windowDays": 30,
      "minBandSteps": 1,
      "persistence": {
        "minBars": 3,
        "minDurationMs": 0
      },
      "action": {
        "kind": "re_rank",
        "severity": "warning",
        "toStage": null,
        "positionSizeFactor": null,
        "revalidate": false,
        "freeze": false
      }
    },
    "dataIntegrity": {
      "enabled": true,
      "windowDays": 1,
      "maxMarkAgeBars": 2,
      "maxClockSkewMs": 5000,
      "maxNonFiniteMarks": 0,
      "persistence": {
        "minBars": 1,
        "minDurationMs": 0
      },
      "action": {
        "kind": "observe_freeze",
        "severity": "critical",
        "toStage": "observe",
        "positionSizeFactor": null,
        "revalidate": false,
        "freeze": true
      }
    }
  }
};
