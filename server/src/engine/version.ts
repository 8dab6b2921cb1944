/**
 * Semantic version of the research engine. Bump the minor version when a template, metric or
 * default changes numbers that a stored backtest run could have produced; bump the patch version
 * for fixes that do not change any number. Stored runs record this string.
 */
export const ENGINE_VERSION: string = '0.2.0';
