import { graphql } from '#lib/gql/index.ts';

/** The badge in the top bar: unread notifications addressed to one of the caller's roles. */
export const UnreadNotificationCountQuery = graphql(`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`);

/** Each new notification addressed to one of the caller's roles, pushed by the server (the badge's live source). */
export const NotificationReceivedSubscription = graphql(`
  subscription NotificationReceived {
    notificationReceived {
      id
      kind
      readAt
    }
  }
`);
