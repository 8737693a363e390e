// A fitted candidate in a JSON-safe form (weights base64), stored with a selection run so the
// combination can be re-forecast later from the dataset alone (forecastFromArtifacts).
import { loadGruModel } from '../gru/create-gru-model';
import type { GruArtifacts } from '../gru/types';
import type { CandidateSpec } from './candidates';
import type { CandidateState, FittedCandidate } from './fit-candidate';

export interface StoredMember {
  spec: CandidateSpec;
  state: CandidateState;
  modelTopology: object;
  weightSpecs: GruArtifacts['weightSpecs'];
  /** base64 of the weight bytes. */
  weights: string;
}

export async function storeMember(member: FittedCandidate): Promise<StoredMember> {
  const artifacts = await member.model.save();
  return {
    spec: member.spec,
    state: member.state,
    modelTopology: artifacts.modelTopology,
    weightSpecs: artifacts.weightSpecs,
    weights: Buffer.from(artifacts.weightData).toString('base64'),
  };
}

/** The fitted candidate back; the caller disposes its model. */
export async function loadMember(stored: StoredMember): Promise<FittedCandidate> {
  const model = await loadGruModel({
    modelTopology: stored.modelTopology,
    weightSpecs: stored.weightSpecs,
    weightData: new Uint8Array(Buffer.from(stored.weights, 'base64')),
  });
  return {
    spec: stored.spec,
    state: stored.state,
    model,
    fit: { epochs: [], epochsRun: 0, bestEpoch: 0, stopReason: 'completed' },
  };
}
