import { MediaQuery } from 'svelte/reactivity';

/** Whether the system asks for the light theme (app.css switches its tokens on the same media query); false on the server. */
const prefersLight = new MediaQuery('(prefers-color-scheme: light)', false);

/**
 * The page's colour scheme, 'light' or 'dark', as a reactive value: an effect, `$derived` or template that reads
 * `colorScheme.current` runs again when the system switches theme (no reload). Canvas charts read their colours
 * through it so they repaint in the new theme's tokens.
 */
export const colorScheme = {
  get current(): 'light' | 'dark' {
    return prefersLight.current ? 'light' : 'dark';
  },
};
