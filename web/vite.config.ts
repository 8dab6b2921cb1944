import { sveltekit } from '@sveltejs/kit/vite';
import adapter from '@sveltejs/adapter-node';
import { defineConfig } from 'vite';

/** Where `vite dev` forwards /graphql (HTTP and WebSocket); the built app is served by the API on one origin. */
const apiUrl = process.env.API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [sveltekit({ adapter: adapter(), compilerOptions: { runes: true } })],
  server: {
    proxy: {
      '/graphql': { target: apiUrl, ws: true, changeOrigin: true },
    },
  },
});
