import type { APIRequestContext } from '@playwright/test';
import { graphql } from './graphql.ts';

/** Deletes a notification channel as `admin` (an admin client stepped up with TOTP): no further delivery to it. */
export async function deleteNotificationChannel(admin: APIRequestContext, channelId: string): Promise<void> {
  await graphql(admin, `mutation($input: NotificationChannelRefInput!) { deleteNotificationChannel(input: $input) { channel { id } } }`, { input: { channelId } });
}
