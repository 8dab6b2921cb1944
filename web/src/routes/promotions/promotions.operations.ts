import { graphql } from '#lib/gql/index.ts';

/** One gate check as the dialog shows it. */
export const GateCheckFieldsFragment = graphql(`
  fragment GateCheckFields on GateCheck {
    rule
    category
    comparator
    threshold
    measured
    unit
    windowStart
    windowEnd
    status
    message
  }
`);

/** The board: policy in force, candidates, and every running deployment's card; who signed only when the viewer's role may read approver identities (`$withApprovers`). */
export const PromotionBoardQuery = graphql(`
  query PromotionBoard($withApprovers: Boolean!) {
    promotionBoard {
      policyVersion
      policyValid
      policyInvalidReason
      candidateTopFraction
      candidateConsecutiveEvaluationDays
      candidatesUnavailable
      evaluatedAt
      candidates {
        strategy {
          id
          code
        }
        rank
        rankCount
        normalizedScore
        consecutiveEvaluationDays
        lastDate
        recommendedAllocation
      }
      cards {
        stage
        stageEnteredAt
        clock
        stageAgeMs
        clockNow
        nextTransition
        stabilityWindowSessions
        frozen
        regulatoryHold
        evidenceError
        deployment {
          id
          databaseId
          symbol
          timeframe
          feedKind
          activationState
          effectiveStage
          strategy {
            id
            code
          }
        }
        scorecard {
          evaluationDate
          rank
          rankCount
          normalizedScore
          researchOnly
          complete
        }
        gateSource
        gate {
          transition
          policyVersion
          passed
          evaluatedAt
          checks {
            ...GateCheckFields
          }
          refusals {
            rule
            message
          }
        }
        pendingRequest {
          requesterName
          complete
          gateVerdict {
            evaluatedAt
            clock
            evidenceError
            transition
            policyVersion
            passed
            checks {
              ...GateCheckFields
            }
            refusals {
              rule
              message
            }
          }
          request {
            id
            transition
            fromStage
            toStage
            policyVersion
            reason
            requestedAt
            expiresAt
          }
          steps {
            key
            roles
            afterOtherSteps
            approval {
              role
              approverName @include(if: $withApprovers)
              approvedAt
              comment
            }
          }
        }
      }
    }
  }
`);

/** Any promotion request changed (requested, a step signed, executed, held back, rejected, expired): the board refetches. */
export const BoardRequestChangedSubscription = graphql(`
  subscription BoardRequestChanged {
    promotionRequestChanged {
      id
      status
    }
  }
`);

/** Any deployment changed (stage moved, bar processed, paused…): the board refetches, throttled. */
export const BoardDeploymentsChangedSubscription = graphql(`
  subscription BoardDeploymentsChanged {
    deploymentStateChanged {
      id
      stage
    }
  }
`);

export const ApprovePromotionMutation = graphql(`
  mutation ApprovePromotion($input: ApprovePromotionRequestInput!) {
    approvePromotionRequest(input: $input) {
      executed
      allocation
      liveConfirmationToken
      liveConfirmationTokenExpiresAt
      demotedDeploymentIds
      request {
        id
        status
        executionBlockedRule
        executionBlockedReason
      }
    }
  }
`);

export const RejectPromotionMutation = graphql(`
  mutation RejectPromotion($input: RejectPromotionRequestInput!) {
    rejectPromotionRequest(input: $input) {
      __typename
    }
  }
`);

/** A strategy's promotion records and its chain verdict. */
export const PromotionHistoryQuery = graphql(`
  query PromotionHistory($strategyId: ID!) {
    strategy(id: $strategyId) {
      id
      code
      name
    }
    promotionRecords(strategyId: $strategyId) {
      id
      sequence
      decision
      fromStage
      toStage
      policyVersion
      reasonCode
      effectiveAt
      approvers {
        step
        role
        approvedAt
      }
      metricsSnapshotHash
      gitCommit
      engineVersion
      previousRecordHash
      recordHash
    }
    verifyPromotionChain(strategyId: $strategyId) {
      strategyId
      records
      intact
      brokenSequence
      reason
    }
  }
`);
