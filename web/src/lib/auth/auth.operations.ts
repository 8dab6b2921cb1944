import { graphql } from '#lib/gql/index.ts';

/** The signed-in caller, roles and what they may do (null when signed out). */
export const ViewerQuery = graphql(`
  query Viewer {
    me {
      id
      email
      displayName
      roles
      credential
      totpEnabled
      stepUpValidUntil
      permittedMutations
      stepUpRequiredFor
    }
  }
`);

export const SignInMutation = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      viewer {
        id
        email
      }
    }
  }
`);

export const SignOutMutation = graphql(`
  mutation SignOut {
    signOut
  }
`);

export const StepUpMutation = graphql(`
  mutation StepUp($code: String!) {
    stepUp(code: $code) {
      validUntil
    }
  }
`);
