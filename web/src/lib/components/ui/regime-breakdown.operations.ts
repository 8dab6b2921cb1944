import { graphql } from '#lib/gql/index.ts';

/** The per-regime metrics a regime breakdown table shows (runs and optimizations). */
export const RegimeBreakdownFragment = graphql(`
  fragment RegimeBreakdown on RegimeMetrics {
    regime
    barCount
    metrics {
      sharpe
      totalReturn
      maxDrawdown
      winRate
    }
  }
`);
