// Public API of @seqcast/forecasting: framework-free (no Nest/Prisma/BullMQ), testable with jest.
export { DatasetValidationError, ParamValidationError, UnpackedTooLargeError } from './errors';

// 1. CSV / JSON input
export { parseCsvDataset, type ParseCsvOptions } from './csv/parse-csv-dataset';
export { validateJsonSeries, type JsonSeriesInput } from './csv/validate-json-series';
export { readWorkbook } from './csv/read-workbook';
export { readParquet } from './csv/read-parquet';
export { unpackCompressed, gunzipWhereCompressed, type UnpackedFile } from './csv/unpack-compressed';
export { plainTableCsv, type PlainTable } from './csv/plain-table-csv';
export type { ParsedDataset } from './csv/parsed-dataset';
export { MIN_SERIES_LENGTH, DEFAULT_MAX_ROWS, DEFAULT_MAX_COLUMNS } from './csv/dataset-limits';
export {
  FREQUENCIES,
  inferFrequency,
  describeFrequency,
  parseFrequency,
  isFrequency,
  frequencyLabel,
  seasonalPeriod,
  nextTimestamps,
  type Frequency,
  type FrequencySpec,
  type NamedFrequency,
} from './time/frequency';
export { detectSeasonality, candidatePeriods, type SeasonalityReport, type PeriodTest } from './time/seasonality';
export { autocorrelations, seasonalityTest, type SeasonalityTest } from './time/autocorrelation';

// 2. Scaling, windows, metrics, baselines, transforms
export { MinMaxScaler, type MinMaxScalerParams } from './series/min-max-scaler';
export { makeWindows, type Windows } from './series/make-windows';
export { normalizeWindows, windowOffset, WINDOW_NORMS, type WindowNorm } from './series/window-normalization';
export { mae, rmse, mape, smape, mase, forecastMetrics, type ForecastMetrics } from './metrics/forecast-metrics';
export {
  naiveForecast,
  seasonalNaiveForecast,
  seasonalNaiveGrowthForecast,
  driftForecast,
  BASELINES,
  BASELINE_NAMES,
  DESCRIBED_BASELINES,
  type BaselineName,
  type BaselineForecast,
} from './baselines/baseline-forecasts';
export { scoreBaselines, type BaselineScores } from './baselines/score-baselines';
export { autoEts, etsCandidates, MAX_ETS_SEASON, type AutoEtsResult } from './baselines/ets/auto-ets';
export { fitEts, etsFitForecast, type EtsFit } from './baselines/ets/fit-ets';
export { etsForecast, type EtsBaselineForecast } from './baselines/ets/ets-forecast';
export type { EtsSpec, EtsParams, EtsStates, EtsErrorType, EtsTrendType, EtsSeasonType } from './baselines/ets/ets-model';
export { thetaForecast, type ThetaForecast } from './baselines/theta';
export { decompose, type Decomposition } from './baselines/decompose';
export {
  compareToBaselines,
  type BaselineComparison,
  type ComparisonContext,
  type Contender,
} from './baselines/baseline-comparison';
export { demandProfile } from './series/demand-profile';
export { applyTransform, invertTransform, transformLag, type TransformSpec } from './transforms/series-transform';
export { fitSeasonalProfile, PROFILE_SEASONS } from './transforms/seasonal-profile';

// 3. Params & presets
export {
  SERIES_TRANSFORMS,
  SELECTION_MODES,
  type SelectionMode,
  TRANSFORM_CHOICES,
  type TransformChoice,
  GATE_CONVENTIONS,
  GRU_IMPLS,
  MAX_EPOCHS,
  MAX_HIDDEN,
  MAX_WINDOW,
  MAX_HORIZON,
  MAX_BATCH_SIZE,
  MAX_PATIENCE,
  MAX_LEARNING_RATE,
  type TrainingParams,
  type SeriesTransformName,
} from './params/training-params';
export { PRESETS, PRESET_NAMES, type PresetName } from './params/presets';
export {
  resolveParams,
  resolveAutoTransform,
  assertParamsFitSeries,
  effectivePeriod,
  scoringPeriod,
  withDetectedPeriod,
  PARAM_NAMES,
  type SeriesShape,
} from './params/resolve-params';

// 4. Backend
export { initTfBackend, type TfBackendInfo, type TfBackendName, type BackendAttempt } from './backend/init-tf-backend';

// 5. GRU
export type {
  GateConvention,
  GruImpl,
  GruModelSpec,
  EpochProgress,
  EpochReport,
  FitOptions,
  FitResult,
  GruArtifacts,
  GruModel,
} from './gru/types';
export { createGruModel, loadGruModel, resolvedGruImpl } from './gru/create-gru-model';
export { LayersGruModel, DEFAULT_YIELD_EVERY_MS } from './gru/layers-gru-model';
export { gateConventionNotes } from './gru/gate-convention-notes';

// 6. Pipeline
export {
  trainAndForecast,
  trainedGruImpl,
  selectionSetup,
  seriesPeriods,
  type TrainingHooks,
  type TrainingResult,
  type PipelineNotes,
  type FittedPreprocessing,
  type ModelMetrics,
} from './pipeline/train-and-forecast';
export {
  simulatePaths,
  pathQuantiles,
  intervalCoverage,
  INTERVAL_QUANTILES,
  SIMULATED_PATHS,
  type QuantileForecast,
} from './pipeline/forecast-intervals';
export { GENERATED_SUITE, generateSeries, type GeneratedSeriesSpec } from './evaluation/generated-series';
export { forecastFromArtifacts } from './pipeline/forecast-from-artifacts';
export { autoregressiveForecast } from './pipeline/autoregressive-forecast';

// 7. Per-series selection (the default preset), split so candidates can be scored in parallel jobs
export { defaultCandidates, type CandidateSpec, type CandidateKind, type SelectionShape } from './selection/candidates';
export {
  selectionPlan,
  validationPlan,
  scoreCandidate,
  scoreCandidates,
  chooseCandidates,
  fitChosen,
  combinedForecast,
  assertSelectionFits,
  MIN_SELECTION_TRAIN_POINTS,
  VALIDATION_ORIGINS,
  COMBINED_CANDIDATES,
  type CandidateScore,
  type SelectionNotes,
  type ValidationPlan,
} from './selection/select-candidates';
export {
  fitCandidate,
  candidateForecast,
  candidatePaths,
  type CandidateContext,
  type FittedCandidate,
} from './selection/fit-candidate';
export { fitSmoothing, filterSmoothing, type SmoothingBase, type SmoothingParams } from './selection/exponential-smoothing';
export { showsSeason } from './selection/seasonality';
export type { SeriesInput, HoldoutPoint, FuturePoint, ForecastQuantiles } from './pipeline/series-input';

// 7. Panels (many series per dataset)
export {
  PanelBuilder,
  DEFAULT_MAX_PANEL_SERIES,
  DEFAULT_MAX_PANEL_POINTS,
  type PanelSeries,
  type ParsedPanel,
  type PanelLimits,
} from './panel/panel-builder';
export { parsePanelCsv, type PanelCsvOptions } from './panel/parse-panel-csv';
export { validateJsonPanel } from './panel/validate-json-panel';
export { detectLongPanel, isKeyedBySeriesId, type LongPanelLayout } from './panel/detect-long-panel';
export { isRowsPanelCsv } from './panel/detect-rows-panel';
export { numberedWidePanelColumns } from './panel/detect-wide-panel';
export { SERIES_KEY_SEPARATOR } from './panel/panel-columns';
export {
  trainGlobalAndForecast,
  trainGlobalModel,
  forecastGlobalSeries,
  type GlobalTrainingResult,
  type GlobalSeriesResult,
} from './pipeline/train-global';
