import type { BarFrame } from '../bars/bar-frame.ts';
import { EngineInputError } from '../errors/engine-input-error.ts';

/** An instrument that may become the basket's top alt: its symbol (`BASE-QUOTE`, e.g. `SOL-USDT`) and its bars. */
export interface TopAltCandidate {
  symbol: string;
  frame: BarFrame;
}

/** The chosen top alt, with why. */
export interface TopAltSelection {
  symbol: string;
  /** `override`: configured by the policy; `largest_trailing_quote_volume`: chosen by the volume rule. */
  reason: 'override' | 'largest_trailing_quote_volume';
  /** Trailing quote volume of the chosen symbol over the window (quote currency); NaN for an override without bars. */
  quoteVolume: number;
  /** The window the volumes were summed over: bar open times in `[startMs, endMs)`, ms since epoch. */
  window: { startMs: number; endMs: number };
}

/** Options of {@link selectTopAlt}. */
export interface TopAltOptions {
  /** Trailing window in ms, default 30 days. */
  windowMs?: number;
  /** Base assets that are never the top alt (they are already in the basket), default `['BTC', 'ETH']`. */
  excludedBaseAssets?: readonly string[];
  /** A configured symbol that wins over the volume rule; null/undefined = use the rule. */
  override?: string | null;
}

/**
 * The basket's "top alt" (specs decision "rollback on benchmark lag": BTC 60 / ETH 30 / top alt 10).
 *
 * We have no market-capitalization feed, so the top alt is NOT the largest alt by market cap: it is the candidate
 * whose base asset is not excluded (BTC, ETH by default) with the largest trailing quote volume
 * `Σ volume × close` over the bars opening in `[asOfMs − windowMs, asOfMs)` (the bundled files carry base volume
 * only, so each bar's base volume is valued at its close). Ties go to the alphabetically first symbol; candidates
 * with no bar (or zero volume) in the window are not eligible. A configured `override` wins over the rule.
 *
 * @returns the selection, or null when no candidate is eligible (the caller must then treat the basket as unknown).
 * @throws EngineInputError('windowMs') for a non-positive window; EngineInputError('asOfMs') for a non-finite time.
 */
export function selectTopAlt(candidates: readonly TopAltCandidate[], asOfMs: number, options: TopAltOptions = {}): TopAltSelection | null {
  const windowMs = options.windowMs ?? 30 * 86_400_000;
  if (!(windowMs > 0) || !Number.isFinite(windowMs)) throw new EngineInputError('windowMs', `the top-alt window must be a positive number of ms (got ${windowMs})`);
  if (!Number.isFinite(asOfMs)) throw new EngineInputError('asOfMs', `asOfMs must be a finite time (got ${asOfMs})`);
  const excluded = new Set((options.excludedBaseAssets ?? ['BTC', 'ETH']).map((asset) => asset.toUpperCase()));
  const window = { startMs: asOfMs - windowMs, endMs: asOfMs };
  const volumes = candidates.map((candidate) => ({ symbol: candidate.symbol, quoteVolume: trailingQuoteVolume(candidate.frame, window.startMs, window.endMs) }));
  if (options.override !== null && options.override !== undefined) {
    const known = volumes.find((entry) => entry.symbol === options.override);
    return { symbol: options.override, reason: 'override', quoteVolume: known?.quoteVolume ?? Number.NaN, window };
  }
  let best: { symbol: string; quoteVolume: number } | null = null;
  for (const entry of volumes) {
    if (excluded.has(baseAsset(entry.symbol))) continue;
    if (!(entry.quoteVolume > 0)) continue;
    if (best === null || entry.quoteVolume > best.quoteVolume || (entry.quoteVolume === best.quoteVolume && entry.symbol < best.symbol)) best = entry;
  }
  return best === null ? null : { symbol: best.symbol, reason: 'largest_trailing_quote_volume', quoteVolume: best.quoteVolume, window };
}

/** `Σ volume × close` over the bars opening in `[startMs, endMs)`, quote currency; NaN rows are skipped. */
export function trailingQuoteVolume(frame: BarFrame, startMs: number, endMs: number): number {
  let total = 0;
  for (let bar = 0; bar < frame.length; bar++) {
    const time = frame.timestamp[bar];
    if (time < startMs || time >= endMs) continue;
    const value = frame.volume[bar] * frame.close[bar];
    if (value === value) total += value;
  }
  return total;
}

/** The base asset of `BASE-QUOTE` or `BASE/QUOTE`, upper-case. */
function baseAsset(symbol: string): string {
  return symbol.split(/[-/]/)[0].toUpperCase();
}
