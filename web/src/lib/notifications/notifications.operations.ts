import { graphql } from '#lib/gql/index.ts';

/** The badge in the top bar: unread notifications addressed to one of the caller's roles. */
export const UnreadNotificationCountQuery = graphql(`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`);

/** Each notification addressed to one of the caller's roles when written and when marked read, pushed by the server (the badge's and the notifications page's live source). */
export const NotificationReceivedSubscription = graphql(`
  subscription NotificationReceived {
    notificationReceived {
      id
      kind
      readAt
    }
  }
`);
