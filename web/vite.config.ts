import { sveltekit } from '@sveltejs/kit/vite';
import adapter from '@sveltejs/adapter-node';
import { defineConfig } from 'vite';

/** Where `vite dev` forwards /graphql (HTTP and WebSocket); the built app is served by the API on one origin. */
const apiUrl = process.env.API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [
    sveltekit({
      adapter: adapter(),
      compilerOptions: { runes: true },
      // Content-Security-Policy of every page (the server adds X-Frame-Options, nosniff etc. with helmet). SvelteKit
      // adds a nonce for the inline script that boots each page; inline styles stay allowed (Svelte style
      // directives and the chart library set them); API and WebSocket are on this origin.
      csp: {
        mode: 'auto',
        directives: {
          'default-src': ['self'],
          'script-src': ['self'],
          'style-src': ['self', 'unsafe-inline'],
          'img-src': ['self', 'data:'],
          'font-src': ['self'],
          'connect-src': ['self'],
          'object-src': ['none'],
          'base-uri': ['self'],
          'form-action': ['self'],
          'frame-ancestors': ['none'],
        },
      },
    }),
  ],
  server: {
    proxy: {
      '/graphql': { target: apiUrl, ws: true, changeOrigin: true },
    },
  },
});
