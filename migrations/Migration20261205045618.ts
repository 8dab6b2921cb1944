import { Migration } from '@mikro-orm/migrations';

/**
 * Monitoring policy `2026.12.2` (issue 13): the data-integrity rule's stale feed is the deployment's own freshness
 * limit (`deployment.max_bar_age_ms`, the runtime's gate) instead of the policy's `dataIntegrity.maxMarkAgeBars`
 * (2 bars), which froze paced replays to OBSERVE while the runtime still considered them fresh. Everything else as
 * `2026.12.1`. The new version is the active one; `2026.12.1` stays, inactive (a change is a new version, never an edit).
 */
export class Migration20261205045618 extends Migration {

  override name = 'Migration20261205045618';

  override up(): void | Promise<void> {
    this.addSql(`update "monitoring_policy" set "active" = false where "version" = '2026.12.1';`);
    this.addSql(`insert into "monitoring_policy" ("id", "version", "definition") values ('019aeb9a-7f00-7000-8000-000000000004', '2026.12.2', ${jsonLiteral(defaultMonitoringPolicyV2)});`);
  }

  override down(): void | Promise<void> {
    this.addSql(`delete from "monitoring_policy" where "version" = '2026.12.2';`);
    this.addSql(`update "monitoring_policy" set "active" = true where "version" = '2026.12.1';`);
  }

}

/** A jsonb SQL literal of `value`. */
function jsonLiteral(value: unknown): string {
  return `'${JSON.stringify(value).replaceAll("'", "''")}'::jsonb`;
}

/** Monitoring policy `2026.12.2` as seeded (frozen here as data). */
const defaultMonitoringPolicyV2 = {
  "version": "2026.12.2",
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
