import { graphql } from '#lib/gql/index.ts';

/** Every promotion policy version (the one in force and the proposals), with its definition as JSON text. */
export const PromotionPolicyVersionsQuery = graphql(`
  query PromotionPolicyVersions {
    promotionPolicyVersions {
      version
      active
      valid
      invalidReason
      createdAt
      proposedById
      definitionJson
    }
  }
`);

/** Propose a new version (risk; production action: TOTP). */
export const ProposePromotionPolicyMutation = graphql(`
  mutation ProposePromotionPolicy($input: ProposePromotionPolicyInput!) {
    proposePromotionPolicy(input: $input) {
      version
      active
    }
  }
`);

/** Activate another person's proposal (risk or compliance; production action: TOTP). */
export const ActivatePromotionPolicyMutation = graphql(`
  mutation ActivatePromotionPolicy($input: ActivatePromotionPolicyInput!) {
    activatePromotionPolicy(input: $input) {
      version
      active
    }
  }
`);

/** Each version as proposed or activated, from any process: the list refetches (an activation deactivates the others). */
export const PromotionPolicyUpdatedSubscription = graphql(`
  subscription PromotionPolicyUpdated {
    promotionPolicyUpdated {
      version
      active
    }
  }
`);
