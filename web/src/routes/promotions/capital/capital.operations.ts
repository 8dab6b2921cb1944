import { graphql } from '#lib/gql/index.ts';

/** The capital view (issue 12): allocation per deployment, stacked per stage's book, with guardrails and the reserve. */
export const CapitalViewQuery = graphql(`
  query CapitalView {
    capitalPolicy {
      version
      maxTotalAllocation
      minAllocation
      pilotFraction
      guardrails {
        low
        moderate
        high
      }
    }
    allocations {
      policyVersion
      totals {
        stage
        total
        maxTotal
        deployments
      }
      allocations {
        deploymentId
        strategyCode
        stage
        allocation
        guardrail
        guardrailRule
        recommendedAllocation
        rank
        riskCategory
        rolloutWave
      }
    }
  }
`);

