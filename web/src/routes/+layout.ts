/** Client-side rendering only: the API and its WebSocket are reached from the browser. */
export const ssr = false;
export const prerender = false;
