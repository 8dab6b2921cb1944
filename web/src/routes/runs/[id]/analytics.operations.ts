import { graphql } from '#lib/gql/index.ts';

/** The report analytics of a completed run (computed by the engine on the server). */
export const RunAnalyticsQuery = graphql(`
  query RunAnalytics($id: ID!) {
    backtestRun(id: $id) {
      id
      analytics {
        benchmarkDescription
        sampleYears
        shortSampleWarning
        valueAtRiskHorizon
        maxDrawdownDurationMs
        rollingWindowMs
        monthlyReturns {
          year
          month
          returnFraction
        }
        returnDistribution {
          binStart
          binEnd
          counts
          zeroCount
        }
        series(maxPoints: 800) {
          time
          equity
          buyAndHoldEquity
          benchmarkEquity
          rollingSharpe
          rollingVolatility
        }
      }
    }
  }
`);
