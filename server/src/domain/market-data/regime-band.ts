/** Volatility regime bands of trailing 30-day realized volatility percentile (default 0–20 / 20–80 / 80–100). */
export const regimeBands = ['calm', 'neutral', 'turbulent'] as const;
export type RegimeBand = (typeof regimeBands)[number];
