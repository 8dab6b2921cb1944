import { graphql } from '#lib/gql/index.ts';

/** What the backtest and optimization queue forms offer: strategies with their versions' parameter spaces, and certified datasets. */
export const QueueFormOptionsQuery = graphql(`
  query QueueFormOptions {
    strategies(first: 200) {
      edges {
        node {
          id
          name
          code
          versions {
            id
            versionTag
            template
            parameterSpace {
              ...ParameterSpaceFields
            }
          }
        }
      }
    }
    marketDataSets(first: 200) {
      edges {
        node {
          ...DatasetOption
        }
      }
    }
  }
`);
