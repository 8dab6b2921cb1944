import { graphql } from '#lib/gql/index.ts';

export const StrategiesQuery = graphql(`
  query Strategies {
    strategies(first: 200) {
      totalCount
      edges {
        node {
          id
          code
          name
          lifecycleState
          riskCategory
          eligibleMarkets
          latestScorecard {
            id
            rank
            normalizedScore
            recommendation
          }
          versions {
            id
            versionTag
            approvalStatus
          }
        }
      }
    }
  }
`);

export const StrategyDetailQuery = graphql(`
  query StrategyDetail($id: ID!) {
    strategy(id: $id) {
      id
      code
      name
      objective
      lifecycleState
      riskCategory
      eligibleMarkets
      dependencyNotes
      createdAt
      updatedAt
      versions {
        id
        versionTag
        approvalStatus
        template
        changelog
        submittedAt
        deterministicSeed
        parameterSpace {
          ...ParameterSpaceFields
        }
      }
      history(limit: 100) {
        occurredAt
        action
        actorRole
        subjectType
        details {
          path
          text
          number
          boolean
        }
      }
    }
  }
`);

/**
 * Fields only production, risk, compliance and admin may read (capital caps, who decided on a version and why);
 * the page asks for them only for those roles, as the server answers FORBIDDEN to the others.
 */
export const StrategySensitiveQuery = graphql(`
  query StrategySensitive($id: ID!) {
    strategy(id: $id) {
      id
      capitalGuardrails {
        research
        validation
        staging
        production
      }
      versions {
        id
        approvalMetadata {
          reviewerId
          decidedAt
          notes
        }
      }
    }
  }
`);

export const VersionDiffQuery = graphql(`
  query VersionDiff($fromVersionId: ID!, $toVersionId: ID!) {
    strategyVersionDiff(fromVersionId: $fromVersionId, toVersionId: $toVersionId) {
      path
      kind
      before
      after
    }
  }
`);

/** The engine's built-in templates and their full parameter spaces (what a version may narrow). */
export const StrategyTemplatesQuery = graphql(`
  query StrategyTemplates {
    strategyTemplates {
      id
      name
      description
      parameterSpace {
        ...ParameterSpaceFields
      }
    }
  }
`);

export const RegisterStrategyMutation = graphql(`
  mutation RegisterStrategy($input: RegisterStrategyInput!) {
    registerStrategy(input: $input) {
      strategy {
        id
        code
        name
      }
    }
  }
`);

export const SubmitStrategyVersionMutation = graphql(`
  mutation SubmitStrategyVersion($input: SubmitStrategyVersionInput!) {
    submitStrategyVersion(input: $input) {
      strategyVersion {
        id
        versionTag
        approvalStatus
      }
    }
  }
`);

export const ApproveStrategyVersionMutation = graphql(`
  mutation ApproveStrategyVersion($input: DecideStrategyVersionInput!) {
    approveStrategyVersion(input: $input) {
      strategyVersion {
        id
        versionTag
        approvalStatus
      }
    }
  }
`);

export const RejectStrategyVersionMutation = graphql(`
  mutation RejectStrategyVersion($input: DecideStrategyVersionInput!) {
    rejectStrategyVersion(input: $input) {
      strategyVersion {
        id
        versionTag
        approvalStatus
      }
    }
  }
`);

export const TransitionStrategyLifecycleMutation = graphql(`
  mutation TransitionStrategyLifecycle($input: TransitionStrategyLifecycleInput!) {
    transitionStrategyLifecycle(input: $input) {
      strategy {
        id
        lifecycleState
      }
    }
  }
`);

export const RequestManualRunMutation = graphql(`
  mutation RequestManualRun($input: RequestManualRunInput!) {
    requestManualRun(input: $input) {
      triggerEvent {
        id
        type
        outcome
        outcomeReason
        correlationId
        receivedAt
        enqueuedAt
        details {
          path
          text
          number
          boolean
        }
        links {
          targetType
          targetId
          taskIdentifier
        }
      }
    }
  }
`);

/** A strategy registered or moved in its lifecycle (or only the strategy `id`), from any session or process. */
export const StrategyUpdatedSubscription = graphql(`
  subscription StrategyUpdated($id: ID) {
    strategyUpdated(id: $id) {
      id
      lifecycleState
    }
  }
`);

/** A version submitted, approved or rejected (or only those of the strategy `strategyId`). */
export const StrategyVersionUpdatedSubscription = graphql(`
  subscription StrategyVersionUpdated($strategyId: ID) {
    strategyVersionUpdated(strategyId: $strategyId) {
      id
      approvalStatus
    }
  }
`);
