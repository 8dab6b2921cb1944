/** Escapes the LIKE wildcards (`%`, `_`) and the escape character itself in literal text. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * The SQL LIKE patterns (backslash escape) an audit Action filter stands for, any of which matches:
 * - with `*`: a pattern, `*` any run of characters (`backtest.*ed`);
 * - ending in `.`: every action under that prefix (`auth.` → `auth.%`);
 * - otherwise: that exact action, or every action under it as a dotted prefix (`auth` → `auth`, `auth.%`), so
 *   `strategy_version` finds `strategy_version.approved` without a trailing dot.
 * Letters are lower-cased (actions are lower case); `_` and `%` typed by the user match themselves.
 */
export function actionPatterns(filter: string): string[] {
  const text = filter.trim().toLowerCase();
  if (text.includes('*')) return [text.split('*').map(escapeLike).join('%')];
  if (text.endsWith('.')) return [`${escapeLike(text)}%`];
  return [escapeLike(text), `${escapeLike(text)}.%`];
}
