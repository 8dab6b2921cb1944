import { Client, cacheExchange, fetchExchange, subscriptionExchange } from '@urql/core';
import { createClient as createWebSocketClient } from 'graphql-ws';

const reconnectedListeners = new Set<() => void>();

/**
 * Call `listener` whenever the subscription socket reconnects after losing its connection (server restart, network
 * drop). Events sent while it was down are lost, so pages refetch what they show. Returns the unsubscribe function.
 */
export function onSubscriptionsReconnected(listener: () => void): () => void {
  reconnectedListeners.add(listener);
  return () => reconnectedListeners.delete(listener);
}

/**
 * The urql client of the web app. The API lives on the same origin as the UI: queries and mutations are POSTed to
 * `/graphql` (Apollo's CSRF prevention blocks GET), subscriptions go over graphql-ws on `ws(s)://<host>/graphql`.
 * Browser only: call it after the page has loaded (the app is client-rendered).
 */
export function makeClient(): Client {
  const webSocketUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  const webSocketClient = createWebSocketClient({
    url: webSocketUrl,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    on: {
      connected: (_socket, _payload, wasRetry) => {
        if (wasRetry) for (const listener of reconnectedListeners) listener();
      },
    },
  });
  return new Client({
    url: '/graphql',
    preferGetMethod: false,
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = webSocketClient.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
}
