// The GRU model contract is defined by the lower lib (@seqcast/fused-gru), which implements it;
// the pipeline and tf.layers.gru's implementation use it under its old name from here. A relative
// path, not the alias: the dashboard's type check (web/tsconfig.json, no path aliases) reaches this
// file through params/presets.ts.
export type {
  EpochProgress,
  EpochReport,
  FitOptions,
  FitResult,
  GateConvention,
  GruArtifacts,
  GruImpl,
  GruModel,
  GruModelSpec,
} from '../../../fused-gru/src/model/gru-model';
