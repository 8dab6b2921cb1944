import { ColorType, createChart, type DeepPartial, type ChartOptions, type IChartApi, type UTCTimestamp } from 'lightweight-charts';

/** One point of a time series for lightweight-charts: `time` in seconds since the epoch (UTC). */
export interface ChartPoint {
  time: number;
  value: number;
}

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

const lightChartColors = {
  background: '#ffffff',
  text: '#4f5a69',
  grid: '#eef1f5',
  border: '#c3cad3',
  accent: '#d68a1f',
  positive: '#17784f',
  negative: '#b42a37',
  info: '#2b78b8',
} as const;

/**
 * Colours of the charts in the system's theme at page load; they mirror the CSS tokens of app.css (canvas cannot
 * read CSS variables cheaply).
 */
export const chartColors: { readonly [K in keyof typeof darkChartColors]: string } =
  typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: light)').matches ? lightChartColors : darkChartColors;

/** A chart in the Crucible theme that sizes itself to its container. */
export function createThemedChart(container: HTMLElement, options: DeepPartial<ChartOptions> = {}): IChartApi {
  return createChart(container, {
    autoSize: true,
    layout: {
      background: { type: ColorType.Solid, color: chartColors.background },
      textColor: chartColors.text,
      fontSize: 11,
      fontFamily: "ui-monospace, 'JetBrains Mono', Menlo, Consolas, monospace",
      attributionLogo: false,
    },
    grid: { vertLines: { color: chartColors.grid }, horzLines: { color: chartColors.grid } },
    rightPriceScale: { borderColor: chartColors.border },
    timeScale: { borderColor: chartColors.border, timeVisible: false, secondsVisible: false },
    crosshair: { horzLine: { labelBackgroundColor: chartColors.border }, vertLine: { labelBackgroundColor: chartColors.border } },
    localization: { locale: 'en-US' },
    ...options,
  });
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
