import { graphql } from '#lib/gql/index.ts';

export const NotificationChannelsQuery = graphql(`
  query NotificationChannels {
    notificationChannels {
      id
      name
      kind
      enabled
      audiences
      notificationKinds
      minimumSeverity
      url
      recipients
      hasSecret
      createdAt
    }
  }
`);

export const NotificationDeliveriesQuery = graphql(`
  query NotificationDeliveries {
    notificationDeliveries(first: 100) {
      totalCount
      edges {
        node {
          id
          createdAt
          channelName
          channelKind
          event
          severity
          message
          status
          attempts
          maxAttempts
          lastHttpStatus
          lastResponse
          lastError
          nextAttemptAt
          deliveredAt
        }
      }
    }
  }
`);

export const NotificationDeliveryUpdatedSubscription = graphql(`
  subscription NotificationDeliveryUpdated {
    notificationDeliveryUpdated {
      id
      status
    }
  }
`);

export const CreateNotificationChannelMutation = graphql(`
  mutation CreateNotificationChannel($input: CreateNotificationChannelInput!) {
    createNotificationChannel(input: $input) {
      channel {
        id
        name
      }
      generatedSecret
    }
  }
`);

export const UpdateNotificationChannelMutation = graphql(`
  mutation UpdateNotificationChannel($input: UpdateNotificationChannelInput!) {
    updateNotificationChannel(input: $input) {
      channel {
        id
        enabled
      }
      generatedSecret
    }
  }
`);

export const DeleteNotificationChannelMutation = graphql(`
  mutation DeleteNotificationChannel($input: NotificationChannelRefInput!) {
    deleteNotificationChannel(input: $input) {
      channel {
        id
      }
    }
  }
`);

export const SendTestNotificationMutation = graphql(`
  mutation SendTestNotification($input: NotificationChannelRefInput!) {
    sendTestNotification(input: $input) {
      delivery {
        id
        status
      }
    }
  }
`);
