import { ColorType, createChart, type DeepPartial, type ChartOptions, type IChartApi, type UTCTimestamp } from 'lightweight-charts';

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

/** The current value of a CSS custom property of the page (`--chart-1`), or `fallback` without a document. */
export function cssColor(token: string, fallback: string): string {
  if (typeof document === 'undefined') return fallback;
  return getComputedStyle(document.documentElement).getPropertyValue(token).trim() || fallback;
}

/**
 * Colours of the charts in the page's current theme, read from app.css's tokens each time (a canvas cannot use CSS
 * variables itself): a chart made after the theme changed gets the new colours, and {@link createThemedChart}'s charts
 * re-read them when the system theme changes.
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
    rightPriceScale: { borderColor: chartColors.border },
    timeScale: { borderColor: chartColors.border },
    crosshair: { horzLine: { labelBackgroundColor: chartColors.border }, vertLine: { labelBackgroundColor: chartColors.border } },
  };
}

/**
 * A chart in the Crucible theme that sizes itself to its container. Its background, text, grid and borders follow the
 * page's theme: read from the CSS tokens when it is made and again whenever the system switches between light and dark
 * (series colours are set by each chart when it is made).
 */
export function createThemedChart(container: HTMLElement, options: DeepPartial<ChartOptions> = {}): IChartApi {
  const theme = themeOptions();
  const chart = createChart(container, {
    autoSize: true,
    ...theme,
    layout: { ...theme.layout, fontSize: 11, fontFamily: "ui-monospace, 'JetBrains Mono', Menlo, Consolas, monospace", attributionLogo: false },
    timeScale: { ...theme.timeScale, timeVisible: false, secondsVisible: false },
    localization: { locale: 'en-US' },
    ...options,
  });
  if (typeof matchMedia === 'function') {
    const query = matchMedia('(prefers-color-scheme: light)');
    const follow = () => {
      // The chart may be gone (its component removed it): stop following then.
      if (!container.isConnected) return query.removeEventListener('change', follow);
      chart.applyOptions(themeOptions());
    };
    query.addEventListener('change', follow);
  }
  return chart;
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
