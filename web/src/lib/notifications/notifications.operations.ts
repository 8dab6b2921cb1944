import { graphql } from '#lib/gql/index.ts';

/** The badge in the top bar: unread notifications addressed to one of the caller's roles. */
export const UnreadNotificationCountQuery = graphql(`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`);
