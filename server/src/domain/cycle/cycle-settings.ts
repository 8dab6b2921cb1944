/** Defaults of an evaluation cycle (orchestration-spec FR-002). */
export const cycleDefaults = {
  /** Unique configurations per cycle (≥ 60; scales to 200+). */
  configurationCount: 60,
  /** Largest share of a cycle's configurations one strategy (template) may take, a fraction. */
  maxTemplateShare: 0.3,
  /** Symbols evaluated, each on its newest certified daily and hourly datasets. */
  symbols: ['BTC-USDT', 'ETH-USDT', 'SOL-USDT'] as readonly string[],
  /** Timeframes evaluated per symbol. */
  timeframes: ['1d', '1h'] as readonly string[],
  /** Configurations per strategy when a cycle covers fewer strategies than the share cap allows (validation runs). */
  configurationsPerStrategy: 12,
  /** Most configurations a cycle may ask for. */
  maxConfigurationCount: 400,
} as const;

/**
 * Configuration count and share cap for a cycle over `strategyCount` strategies: the defaults when the cap lets
 * them fill `count`, else `configurationsPerStrategy` each with no cap (a validation run of one or a few strategies).
 */
export function cycleSizing(strategyCount: number, count: number = cycleDefaults.configurationCount, share: number = cycleDefaults.maxTemplateShare): { configurationCount: number; maxTemplateShare: number } {
  if (Math.floor(share * count) * strategyCount >= count) return { configurationCount: count, maxTemplateShare: share };
  return { configurationCount: Math.max(1, strategyCount) * cycleDefaults.configurationsPerStrategy, maxTemplateShare: 1 };
}
