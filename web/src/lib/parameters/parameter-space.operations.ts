import { graphql } from '#lib/gql/index.ts';

/** A parameter space as the forms need it (the server's `ParameterSpace` type: definitions and constraints). */
export const ParameterSpaceFragment = graphql(`
  fragment ParameterSpaceFields on ParameterSpace {
    parameters {
      name
      kind
      min
      max
      step
      choices
      default
      description
      unit
    }
    constraints {
      description
      left
      operator
      right
    }
  }
`);
