import { ColorType, createChart, type DeepPartial, type ChartOptions, type IChartApi, type UTCTimestamp } from 'lightweight-charts';
import { formatDecimal, formatPrice } from '#lib/format/number.ts';
import { colorScheme } from '#lib/theme/color-scheme.ts';

/** One point of a time series for lightweight-charts: `time` in seconds since the epoch (UTC). */
export interface ChartPoint {
  time: number;
  value: number;
}

/** Fallbacks when no stylesheet can be read (server rendering): the dark theme's tokens. */
const darkChartColors = {
  background: '#141a22',
  text: '#9aa5b4',
  grid: '#1c232d',
  border: '#303a47',
  accent: '#f0a53a',
  positive: '#38c08a',
  negative: '#f2636f',
  info: '#5aa9e6',
} as const;

/** Which CSS token of app.css each chart colour is. */
const chartTokens: Record<keyof typeof darkChartColors, string> = {
  background: '--bg-panel',
  text: '--text-muted',
  grid: '--bg-hover',
  border: '--border-strong',
  accent: '--accent',
  positive: '--positive',
  negative: '--negative',
  info: '--info',
};

/**
 * The current value of a CSS custom property of the page (`--chart-1`), or `fallback` without a document. Reactive:
 * an effect, `$derived` or template that reads it runs again when the system switches theme ({@link colorScheme}).
 */
export function cssColor(token: string, fallback: string): string {
  // Read first so the caller depends on the theme even when it has no document yet.
  void colorScheme.current;
  if (typeof document === 'undefined') return fallback;
  return getComputedStyle(document.documentElement).getPropertyValue(token).trim() || fallback;
}

/**
 * Colours of the charts in the page's current theme, read from app.css's tokens each time (a canvas cannot use CSS
 * variables itself). Reading one makes the reading effect depend on the theme ({@link cssColor}): the chart components
 * create their charts in an effect that reads these, so a theme switch rebuilds each chart in the new colours.
 */
export const chartColors: { readonly [K in keyof typeof darkChartColors]: string } = Object.defineProperties(
  {} as { [K in keyof typeof darkChartColors]: string },
  Object.fromEntries(Object.entries(chartTokens).map(([key, token]) => [key, { enumerable: true, get: () => cssColor(token, darkChartColors[key as keyof typeof darkChartColors]) }])),
);

/** The series palette of the current theme (`--chart-1` … `--chart-8`), for canvas charts; SVG and HTML use `var(--chart-N)`. */
export function seriesPalette(): string[] {
  const fallback = ['#38c08a', '#5aa9f2', '#e0a030', '#b07ae6', '#e25563', '#35bdbd', '#e08a3b', '#8f98a8'];
  return fallback.map((color, index) => cssColor(`--chart-${index + 1}`, color));
}

/** The series palette as CSS variables (`var(--chart-1)` …), for SVG strokes and legend keys: they follow the theme by themselves. */
export const seriesPaletteVariables = Array.from({ length: 8 }, (_, index) => `var(--chart-${index + 1})`);

/** The theme options of a lightweight chart in the current colours. */
function themeOptions(): DeepPartial<ChartOptions> {
  return {
    layout: { background: { type: ColorType.Solid, color: chartColors.background }, textColor: chartColors.text },
    grid: { vertLines: { color: chartColors.grid }, horzLines: { color: chartColors.grid } },
    // Only labels whose whole text fits: a tick at the pane's edge was drawn cut in half ("−60.0 %" under a drawdown).
    rightPriceScale: { borderColor: chartColors.border, entireTextOnly: true },
    timeScale: { borderColor: chartColors.border },
    crosshair: { horzLine: { labelBackgroundColor: chartColors.border }, vertLine: { labelBackgroundColor: chartColors.border } },
  };
}

/**
 * A chart in the Crucible theme that sizes itself to its container, its background, text, grid and borders in the
 * page's current theme. Call it inside an effect (with the series made there too): the effect then depends on the
 * theme and re-runs when it changes, removing the old chart and making a new one in the new colours.
 */
export function createThemedChart(container: HTMLElement, options: DeepPartial<ChartOptions> = {}): IChartApi {
  const theme = themeOptions();
  return createChart(container, {
    autoSize: true,
    ...theme,
    localization: { locale: 'en-US' },
    ...options,
    layout: { ...theme.layout, fontSize: 11, fontFamily: "ui-monospace, 'JetBrains Mono', Menlo, Consolas, monospace", attributionLogo: false, ...options.layout },
    // The caller's time-scale options (timeVisible) on top of the theme's border colour, not instead of it. Both edges
    // fixed: lightweight-charts keeps an edge's tick label inside the axis only when that edge cannot be scrolled past;
    // otherwise the first label is centred on the first bar and cut ("un" for "Jun").
    timeScale: { ...theme.timeScale, timeVisible: false, secondsVisible: false, fixLeftEdge: true, fixRightEdge: true, ...options.timeScale },
  });
}

/**
 * A custom price format showing `decimals` decimals (with thousands separators) and `suffix`, whose minimum move is
 * one unit of the last decimal shown: the price axis never puts its ticks closer together than the labels can tell
 * apart. (With ticks 0.01 apart and no decimals shown, a flat equity of 10,000 had three axis labels "10,000".)
 */
export function decimalPriceFormat(decimals: number, suffix = ''): { type: 'custom'; minMove: number; formatter: (value: number) => string } {
  return { type: 'custom', minMove: 10 ** -decimals, formatter: (value: number) => `${formatDecimal(value, decimals)}${suffix}` };
}

/** Decimals of a multiple (×) shown alone (last-value badge, crosshair): 2 below 100×, none from 100× up. */
const multipleDecimals = (value: number) => (Math.abs(value) < 100 ? 2 : 0);
/** The fewest decimals (0–4) that write `value` exactly: an axis tick is a round number (2.5 → 1, 40 → 0). */
const ownDecimals = (value: number) => {
  for (let decimals = 0; decimals < 4; decimals++) if (Math.abs(Math.round(value * 10 ** decimals) / 10 ** decimals - value) <= 1e-9 * Math.max(1, Math.abs(value))) return decimals;
  return 4;
};

/**
 * The price format of a growth-of-1 axis (equity as a multiple of the starting capital, `1.00×`). Each tick label
 * writes its tick exactly, with at least two decimals on an axis below 10× (`0.80×, 1.00×, 1.20×`; a flat curve
 * `0.9990×, 1.0000×`):
 * evenly spaced ticks (a linear scale) share one number of decimals (`0×, 4×, … 24×` on a curve that reached 24×),
 * a log scale's uneven ticks take each its own (`0.9×, 1.5×, 2.5×, 4×, 7×, 13×`). A single value (last-value badge,
 * crosshair) shows two decimals (none from 100×). The minimum move, 0.0001×, lets the axis zoom into a flat curve
 * without two ticks reading the same. (Before: three decimals everywhere — "0.000×" at the foot of every curve.)
 */
export function multiplePriceFormat(): { type: 'custom'; minMove: number; formatter: (value: number) => string; tickmarksFormatter: (values: number[]) => string[] } {
  return {
    type: 'custom',
    minMove: 0.0001,
    formatter: (value: number) => `${formatDecimal(value, multipleDecimals(value))}×`,
    tickmarksFormatter: (values: number[]) => {
      const sorted = [...values].sort((left, right) => left - right);
      const gaps = sorted.slice(1).map((value, index) => value - sorted[index]!);
      const even = gaps.every((gap) => Math.abs(gap - gaps[0]!) <= 1e-6 * Math.max(Math.abs(gaps[0]!), 1e-12));
      const floor = Math.max(0, ...values.map((value) => Math.abs(value))) < 10 ? 2 : 0;
      const shared = Math.max(floor, ...values.map(ownDecimals));
      return values.map((value) => `${formatDecimal(value, even ? shared : Math.max(floor, ownDecimals(value)))}×`);
    },
  };
}

/**
 * The price format of a market price axis: the price's own precision ({@link formatPrice}); no label below zero, where
 * no price can be (the axis reaches there only through the margin left for the volume bars: "−20,000.00" and
 * "0.00000000" on a BTC chart).
 */
export function marketPriceFormat(): { type: 'custom'; minMove: number; formatter: (value: number) => string } {
  return { type: 'custom', minMove: 0.00000001, formatter: (value: number) => (value < 0 ? '' : value === 0 ? '0' : formatPrice(value)) };
}

/**
 * Points sorted by time with duplicate times removed (lightweight-charts needs strictly increasing times;
 * the last value of a duplicated time wins), typed for setData.
 */
export function toSeriesData(points: readonly ChartPoint[]): { time: UTCTimestamp; value: number }[] {
  const sorted = [...points].filter((point) => Number.isFinite(point.value)).sort((left, right) => left.time - right.time);
  const data: { time: UTCTimestamp; value: number }[] = [];
  for (const point of sorted) {
    const last = data.at(-1);
    if (last && last.time === point.time) last.value = point.value;
    else data.push({ time: point.time as UTCTimestamp, value: point.value });
  }
  return data;
}

/** `color` (#rrggbb, as the theme tokens are written) with opacity `alpha` (0–1) as rgba(); other notations unchanged. */
export function translucent(color: string, alpha: number): string {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!match) return color;
  const [red, green, blue] = match.slice(1).map((hex) => Number.parseInt(hex, 16));
  return `rgba(${red}, ${green}, ${blue}, ${alpha})`;
}

/**
 * Colours of an equity baseline series in the current theme: the line and a fading fill green (`--positive`) above the
 * base value and red (`--negative`) below it.
 */
export function baselineColors(): { topLineColor: string; topFillColor1: string; topFillColor2: string; bottomLineColor: string; bottomFillColor1: string; bottomFillColor2: string } {
  const { positive, negative } = chartColors;
  return {
    topLineColor: positive,
    topFillColor1: translucent(positive, 0.28),
    topFillColor2: translucent(positive, 0.02),
    bottomLineColor: negative,
    bottomFillColor1: translucent(negative, 0.02),
    bottomFillColor2: translucent(negative, 0.28),
  };
}
