import { getContext, setContext } from 'svelte';
import { killSwitchesContextKey, type KillSwitches } from './kill-switches.svelte.ts';

/** Makes the kill switches available to every page (called once, in the root layout). */
export function setKillSwitches(killSwitches: KillSwitches): void {
  setContext(killSwitchesContextKey, killSwitches);
}

/** The app's kill switches (set by the root layout). */
export function getKillSwitches(): KillSwitches {
  return getContext<KillSwitches>(killSwitchesContextKey);
}
