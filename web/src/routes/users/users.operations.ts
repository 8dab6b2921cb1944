import { graphql } from '#lib/gql/index.ts';

export const UsersQuery = graphql(`
  query Users {
    users {
      id
      email
      displayName
      roles
      active
      totpEnabled
      demo
    }
  }
`);

export const GrantRoleMutation = graphql(`
  mutation GrantRole($input: ChangeRoleInput!) {
    grantRole(input: $input) {
      id
      roles
    }
  }
`);

export const RevokeRoleMutation = graphql(`
  mutation RevokeRole($input: ChangeRoleInput!) {
    revokeRole(input: $input) {
      id
      roles
    }
  }
`);
