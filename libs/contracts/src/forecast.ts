/** One epoch of GET /v1/runs/:id/losses. */
export interface LossPointDto {
  epoch: number;
  loss: number;
  valLoss: number | null;
  ms: number;
}

/** The prediction interval of a forecast point; absent for runs made before intervals. */
export interface IntervalFields {
  p10?: number | null;
  p50?: number | null;
  p90?: number | null;
}

/** A holdout point: the model's forecast against the actual it was scored on. */
export interface HoldoutPoint extends IntervalFields {
  step: number;
  t: string | null;
  actual: number | null;
  forecast: number;
}

/** A point past the end of the series. */
export interface FuturePoint extends IntervalFields {
  /** 1-based, steps past the last observation. */
  step: number;
  /** Null (from /forecast) or absent (from /predict) for a series without timestamps. */
  t?: string | null;
  forecast: number;
}

/** GET /v1/runs/:id/forecast. */
export interface ForecastDto {
  holdout: HoldoutPoint[];
  future: FuturePoint[];
}

/** POST /v1/runs/:id/predict. */
export interface PredictionDto {
  runId: string;
  horizon: number;
  future: FuturePoint[];
}
