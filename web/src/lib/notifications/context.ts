import { getContext, setContext } from 'svelte';
import { unreadNotificationsContextKey, type UnreadNotifications } from './unread-notifications.svelte.ts';

/** Makes the unread-notification count available to every page (called once, in the root layout). */
export function setUnreadNotifications(unread: UnreadNotifications): void {
  setContext(unreadNotificationsContextKey, unread);
}

/** The app's unread-notification count (set by the root layout). */
export function getUnreadNotifications(): UnreadNotifications {
  return getContext<UnreadNotifications>(unreadNotificationsContextKey);
}
