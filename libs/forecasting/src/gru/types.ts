// The GRU model contract is defined by the lower lib (@seqcast/fused-gru), which implements it;
// the pipeline and tf.layers.gru's implementation use it under its old name from here.
export type {
  EpochReport,
  FitOptions,
  FitResult,
  GateConvention,
  GruArtifacts,
  GruImpl,
  GruModel,
  GruModelSpec,
} from '@seqcast/fused-gru';
