import { graphql } from '#lib/gql/index.ts';

export const ExchangeCredentialsQuery = graphql(`
  query ExchangeCredentials {
    exchangeCredentials {
      venue
      configured
      keyIdSuffix
      updatedAt
    }
  }
`);

export const SetExchangeCredentialsMutation = graphql(`
  mutation SetExchangeCredentials($input: SetExchangeCredentialsInput!) {
    setExchangeCredentials(input: $input) {
      status {
        venue
        configured
        keyIdSuffix
        updatedAt
      }
    }
  }
`);

export const DeleteExchangeCredentialsMutation = graphql(`
  mutation DeleteExchangeCredentials($input: DeleteExchangeCredentialsInput!) {
    deleteExchangeCredentials(input: $input) {
      status {
        venue
        configured
        keyIdSuffix
        updatedAt
      }
    }
  }
`);
