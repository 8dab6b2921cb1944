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
      versions {
        id
        versionTag
        approvalStatus
        template
        changelog
        submittedAt
        deterministicSeed
        parameterSpace
      }
      history(limit: 100) {
        occurredAt
        action
        actorRole
        details
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
