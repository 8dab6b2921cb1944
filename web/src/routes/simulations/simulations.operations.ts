import { graphql } from '#lib/gql/index.ts';

/** A row of the simulations table (and the detail page's header). */
export const GovernanceSimulationRowFragment = graphql(`
  fragment GovernanceSimulationRow on GovernanceSimulation {
    id
    databaseId
    status
    progress
    periodStart
    periodEnd
    seed
    approvalProbability
    minApprovalDelayHours
    maxApprovalDelayHours
    evaluationIntervalDays
    evaluationLookbackDays
    configurationsPerTemplate
    deploymentsPerStrategy
    initialEquity
    failureReason
    createdAt
    startedAt
    completedAt
    baselinePolicies {
      scoring
      promotion
      monitoring
      capital
    }
    variantPolicies {
      scoring
      promotion
      monitoring
      capital
    }
  }
`);

/** The newest simulations. */
export const GovernanceSimulationsQuery = graphql(`
  query GovernanceSimulations($first: Int!) {
    governanceSimulations(first: $first) {
      ...GovernanceSimulationRow
    }
  }
`);

/** The start form's choices and defaults. */
export const GovernanceSimulationOptionsQuery = graphql(`
  query GovernanceSimulationOptions {
    governanceSimulationOptions {
      dataStart
      dataEnd
      defaultStart
      defaultApprovalProbability
      defaultMinApprovalDelayHours
      defaultMaxApprovalDelayHours
      defaultEvaluationIntervalDays
      defaultConfigurationsPerTemplate
      defaultDeploymentsPerStrategy
      versions {
        scoring
        promotion
        monitoring
        capital
      }
      defaults {
        scoring
        promotion
        monitoring
        capital
      }
    }
  }
`);

export const StartGovernanceSimulationMutation = graphql(`
  mutation StartGovernanceSimulation($input: StartGovernanceSimulationInput!) {
    startGovernanceSimulation(input: $input) {
      simulation {
        ...GovernanceSimulationRow
      }
    }
  }
`);

export const CancelGovernanceSimulationMutation = graphql(`
  mutation CancelGovernanceSimulation($input: CancelGovernanceSimulationInput!) {
    cancelGovernanceSimulation(input: $input) {
      simulation {
        ...GovernanceSimulationRow
      }
    }
  }
`);

/** Status and progress of one simulation (or of every one without `id`), pushed by the server. */
export const GovernanceSimulationUpdatedSubscription = graphql(`
  subscription GovernanceSimulationUpdated($id: ID) {
    governanceSimulationUpdated(id: $id) {
      id
      status
      progress
      failureReason
      completedAt
    }
  }
`);

export const SimulationArmSummaryFragment = graphql(`
  fragment SimulationArmSummary on SimulationArmReport {
    arm
    counts {
      evaluationCycles
      candidates
      promotionRequests
      promotionsToShadow
      promotionsToPaper
      promotionsToLive
      gateRefusals
      blockedAtExecution
      rejections
      approvalsSigned
      demotions
      rollbacks
      deactivations
      throttles
      liveCapDemotions
      incidents
    }
    sc002 {
      evaluated
      stillActive
      successRate
      target
    }
    sc003 {
      totalLossPrevented
      totalGainGivenUp
      worstLiveLossFromEntry
      stintsLosingMoreThan20Percent
      exits {
        deploymentId
        strategyId
        exitedAt
        kind
        rule
        capitalKept
        counterfactualPnl
        counterfactualWorstLoss
        lossPrevented
        gainGivenUp
      }
    }
    sc004 {
      actions
      meanLagHours
      maxLagHours
      withinTarget
      targetHours
    }
    lifecycleSc004 {
      rollbacks
      meanLagMinutes
      maxLagMinutes
      withinTarget
      targetMinutes
    }
    sc006 {
      maxCorrelation
      meanCorrelation
      daysAbove
      limit
    }
    sc010 {
      maxTemplateShare
      daysAbove
      limit
      templatesEverLive
    }
    portfolio {
      finalEquity
      totalReturn
      maxDrawdown
      sharpe
      maxLiveCount
      benchmark {
        finalEquity
        totalReturn
        maxDrawdown
        sharpe
      }
    }
  }
`);

export const SimulationDecisionFieldsFragment = graphql(`
  fragment SimulationDecisionFields on SimulationDecision {
    sequence
    at
    kind
    deploymentId
    strategyId
    fromStage
    toStage
    policyVersion
    rule
    message
    evidence {
      rule
      measured
      threshold
      status
    }
  }
`);

/** One simulation with its result (null until completed). */
export const GovernanceSimulationDetailQuery = graphql(`
  query GovernanceSimulationDetail($id: ID!) {
    governanceSimulation(id: $id) {
      ...GovernanceSimulationRow
      result {
        divergenceCount
        difference {
          rollbacks
          promotionsToLive
          totalLossPrevented
          finalEquity
          maxDrawdown
          approvalsSigned
        }
        firstDivergence {
          index
          at
          baseline {
            ...SimulationDecisionFields
          }
          variant {
            ...SimulationDecisionFields
          }
        }
        days(maxPoints: 800) {
          date
          baselineEquity
          variantEquity
          benchmarkEquity
          baselineDrawdown
          variantDrawdown
          baselineLiveCount
          variantLiveCount
        }
        baseline {
          ...SimulationArmSummary
        }
        variant {
          ...SimulationArmSummary
        }
      }
    }
  }
`);

/** A page of one arm's decision log. */
export const SimulationDecisionsQuery = graphql(`
  query SimulationDecisions($id: ID!, $first: Int!, $offset: Int!, $kinds: [SimulationDecisionKind!], $variant: Boolean!) {
    governanceSimulation(id: $id) {
      id
      result {
        baseline @skip(if: $variant) {
          decisions(first: $first, offset: $offset, kinds: $kinds) {
            totalCount
            offset
            items {
              ...SimulationDecisionFields
            }
          }
        }
        variant @include(if: $variant) {
          decisions(first: $first, offset: $offset, kinds: $kinds) {
            totalCount
            offset
            items {
              ...SimulationDecisionFields
            }
          }
        }
      }
    }
  }
`);

/** A page of the decisions only one arm took. */
export const SimulationDivergencesQuery = graphql(`
  query SimulationDivergences($id: ID!, $first: Int!, $offset: Int!) {
    governanceSimulation(id: $id) {
      id
      result {
        divergences(first: $first, offset: $offset) {
          totalCount
          offset
          items {
            arm
            decision {
              ...SimulationDecisionFields
            }
          }
        }
      }
    }
  }
`);

export const GovernanceSimulationExportQuery = graphql(`
  query GovernanceSimulationExport($id: ID!, $format: SimulationExportFormat!) {
    governanceSimulationExport(id: $id, format: $format)
  }
`);
