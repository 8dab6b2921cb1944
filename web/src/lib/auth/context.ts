import { getContext, setContext } from 'svelte';
import type { ViewerState } from './viewer.svelte.ts';
import { viewerContextKey } from './viewer.svelte.ts';

/** Makes the app's viewer state available to every page (called once, in the root layout). */
export function setViewer(viewer: ViewerState): void {
  setContext(viewerContextKey, viewer);
}

/** The app's viewer state (set by the root layout). */
export function getViewer(): ViewerState {
  return getContext<ViewerState>(viewerContextKey);
}
