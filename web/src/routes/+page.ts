import { redirect } from '@sveltejs/kit';

/** The home page is the runs table. */
export function load(): never {
  redirect(307, '/runs');
}
