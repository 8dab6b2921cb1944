import { graphql } from '#lib/gql/index.ts';

/** The trials of an optimization (or one segment) for its plots and trial table, with parameter importance. */
export const OptimizationTrialAnalysisQuery = graphql(`
  query OptimizationTrialAnalysis($id: ID!, $segmentId: ID) {
    optimization(id: $id) {
      id
      trialAnalysis(segmentId: $segmentId) {
        parameterNames
        totalCount
        importance {
          parameter
          importance
          explainedVariance
        }
        trials {
          sequence
          segmentId
          segmentIndex
          marketDataSetId
          trialIndex
          feasible
          objective
          outOfSampleObjective
          inSampleSharpe
          outOfSampleSharpe
          outOfSampleReturn
          outOfSampleMaxDrawdown
          robustnessScore
          parameters {
            name
            value
          }
        }
      }
    }
  }
`);
