// A fitted candidate in a JSON-safe form (weights base64), stored with a selection run so the
// combination can be re-forecast later from the dataset alone (forecastFromArtifacts).
import { loadGruModel } from '../gru/create-gru-model';
import type { GruArtifacts } from '../gru/types';
import { AveragedGruModel } from './averaged-gru-model';
import type { CandidateSpec } from './candidates';
import type { CandidateState, FittedCandidate } from './fit-candidate';

export interface StoredNet {
  modelTopology: object;
  weightSpecs: GruArtifacts['weightSpecs'];
  /** base64 of the weight bytes. */
  weights: string;
}

export interface StoredMember {
  spec: CandidateSpec;
  state: CandidateState;
  /** One net, or the nets whose predictions are averaged. */
  nets: StoredNet[];
}

export async function storeMember(member: FittedCandidate): Promise<StoredMember> {
  const models = member.model instanceof AveragedGruModel ? member.model.nets : [member.model];
  const nets = await Promise.all(
    models.map(async (m) => {
      const artifacts = await m.save();
      return {
        modelTopology: artifacts.modelTopology,
        weightSpecs: artifacts.weightSpecs,
        weights: Buffer.from(artifacts.weightData).toString('base64'),
      };
    }),
  );
  return { spec: member.spec, state: member.state, nets };
}

/** The fitted candidate back; the caller disposes its model. */
export async function loadMember(stored: StoredMember): Promise<FittedCandidate> {
  const nets = await Promise.all(
    stored.nets.map((n) =>
      loadGruModel({
        modelTopology: n.modelTopology,
        weightSpecs: n.weightSpecs,
        weightData: new Uint8Array(Buffer.from(n.weights, 'base64')),
      }),
    ),
  );
  const model = nets.length === 1 ? nets[0] : new AveragedGruModel(nets);
  return {
    spec: stored.spec,
    state: stored.state,
    model,
    fit: { epochs: [], epochsRun: 0, bestEpoch: 0, stopReason: 'completed' },
  };
}
