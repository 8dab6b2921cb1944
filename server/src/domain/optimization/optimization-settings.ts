import type { SearchMethod } from './search-method.ts';

/** Walk-forward window layout as asked (engine `WalkForwardWindowOptions`); sizes in `unit`. */
export interface WalkForwardWindowsSpec {
  scheme: 'rolling' | 'anchored';
  unit: 'bars' | 'milliseconds';
  /** Train window size (bars, or ms of calendar time). */
  trainSize: number;
  /** Test window size (bars, or ms). */
  testSize: number;
  /** Distance between window starts (≥ testSize; default testSize). */
  stepSize: number;
}

/** A metric constraint of the objective, e.g. `{ metric: 'maxDrawdown', operator: '>=', value: -0.25 }`. */
export interface StoredMetricConstraint {
  metric: string;
  operator: '>=' | '<=' | '>' | '<';
  value: number;
}

/** What the search optimizes (engine `SearchObjective`). */
export interface ObjectiveSpec {
  metric: string;
  direction: 'maximize' | 'minimize';
  constraints: StoredMetricConstraint[];
}

/** A narrowing of one template parameter for this optimization (numbers within the template's bounds). */
export interface ParameterOverride {
  name: string;
  min?: number;
  max?: number;
  step?: number;
  choices?: (number | string | boolean)[];
}

/** A dataset of the optimization and its checksum at queue time (the run is reproducible only against it). */
export interface OptimizationDataset {
  id: string;
  checksum: string;
  symbol: string;
}

/** The search method stored on the optimization (data-model names; `bayesian` = TPE). */
export type OptimizationSearchMethod = SearchMethod;

/** One cell of the parameter-sensitivity grid: a neighbour of the chosen point and its train-window score. */
export interface SensitivityCell {
  parameter: string;
  /** Signed grid steps from the chosen value (0 for a changed boolean/categorical). */
  offset: number;
  value: number | string | boolean;
  score: number | null;
}

/** Parameter sensitivity around the best parameters (engine `calculateParameterSensitivity`, radius 2). */
export interface StoredSensitivity {
  centerScore: number | null;
  meanNeighborScore: number | null;
  worstNeighborScore: number | null;
  neighborhoodRatio: number | null;
  cells: SensitivityCell[];
}

/** Stored metrics keyed by regime band (calm / neutral / turbulent) for the stitched out-of-sample series. */
export type StoredRegimeMetrics = Record<string, { barCount: number; metrics: Record<string, number | string | null> }>;
