import { graphql } from '#lib/gql/index.ts';

/** One ranked row with its factor breakdown and rationale. */
export const ScorecardRowFragment = graphql(`
  fragment ScorecardRow on ScorecardEntry {
    id
    evaluationDate
    normalizedScore
    rank
    previousRank
    rankChange
    explanation
    recommendation
    rationale
    complete
    missingInputs
    researchOnly
    scoringPolicyVersion
    inputs {
      sharpe
      sortino
      calmar
      maxDrawdown
      valueAtRisk
      conditionalValueAtRisk
      winRateDispersion
      robustnessScore
      probabilityOfBacktestOverfitting
      deflatedSharpeRatio
      walkForwardEfficiency
      liveDrift
    }
    updatedAt
    strategy {
      id
      code
      name
    }
    strategyVersion {
      id
      versionTag
      template
    }
    factors {
      factor
      points
      weight
      contribution
      metrics {
        metric
        value
        points
      }
    }
  }
`);

export const CycleSummaryFragment = graphql(`
  fragment CycleSummary on EvaluationCycle {
    id
    status
    reason
    configurationCount
    trialCount
    evaluationDate
    probabilityOfBacktestOverfitting
    queuedAt
    startedAt
    completedAt
    durationMs
    failureReason
  }
`);

export const ScorecardQuery = graphql(`
  query Scorecard($sort: ScorecardSort, $descending: Boolean, $evaluationDate: String) {
    scorecard(sort: $sort, descending: $descending, evaluationDate: $evaluationDate) {
      ...ScorecardRow
    }
    evaluationCycles(first: 5) {
      edges {
        node {
          ...CycleSummary
        }
      }
    }
  }
`);

export const ScorecardUpdatedSubscription = graphql(`
  subscription ScorecardUpdated {
    scorecardUpdated {
      ...CycleSummary
    }
  }
`);

export const RunEvaluationCycleMutation = graphql(`
  mutation RunEvaluationCycle($input: RunEvaluationCycleInput) {
    runEvaluationCycle(input: $input) {
      evaluationCycle {
        ...CycleSummary
      }
    }
  }
`);

export const RankHistoryQuery = graphql(`
  query RankHistory($strategyId: ID!) {
    scorecardHistory(strategyId: $strategyId) {
      id
      evaluationDate
      rank
      normalizedScore
      recommendation
    }
  }
`);

export const ExperimentComparisonQuery = graphql(`
  query ExperimentComparison($cycleId: ID!, $format: ExportFormat!) {
    experimentComparison(cycleId: $cycleId, format: $format)
  }
`);

/** Cancels a queued or running evaluation cycle (the scorecard keeps its previous entries). */
export const CancelEvaluationCycleMutation = graphql(`
  mutation CancelEvaluationCycle($input: CancelEvaluationCycleInput!) {
    cancelEvaluationCycle(input: $input) {
      evaluationCycle {
        ...CycleSummary
      }
    }
  }
`);
