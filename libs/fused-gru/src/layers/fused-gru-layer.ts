// FusedGru: a tfjs layer around the fused op. All GRU weights live in ONE packed variable, so
// tfjs optimizers (Adam especially) run a handful of ops per step instead of a handful per weight.
// Returns the last hidden state, like tf.layers.gru({returnSequences: false}).
import * as tf from '@tensorflow/tfjs';
import type { GateConvention } from '../model/gru-model';
import { fusedGru } from '../ops/fused-gru-op';
import { packedLayout, type PackedLayout } from '../packed-layout';
import { initPackedWeights } from './packed-init';

export interface FusedGruLayerArgs {
  units: number;
  convention: GateConvention;
  /** Seed of the initial weights. */
  seed?: number;
  inputShape?: tf.Shape;
  batchInputShape?: tf.Shape;
  name?: string;
  trainable?: boolean;
}

export class FusedGru extends tf.layers.Layer {
  static className = 'FusedGru';
  readonly units: number;
  readonly convention: GateConvention;
  readonly seed: number;
  private packed: tf.LayerVariable | null = null;
  layout: PackedLayout | null = null;

  constructor(args: FusedGruLayerArgs) {
    super(args);
    if (!Number.isInteger(args.units) || args.units < 1)
      throw new Error(`FusedGru: units must be a positive integer, got ${args.units}`);
    if (args.convention !== 'keras' && args.convention !== 'reset-after')
      throw new Error(`FusedGru: unknown convention ${String(args.convention)}`);
    this.units = args.units;
    this.convention = args.convention;
    this.seed = args.seed ?? 0;
    this.inputSpec = [{ ndim: 3 }];
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const inputSize = shape[shape.length - 1];
    if (inputSize == null) throw new Error('FusedGru: the input feature size must be known');
    this.layout = packedLayout(this.convention, inputSize, this.units);
    // Seeded values are written right after creation (tfjs has no public base class for a custom
    // initializer); loading a saved model overwrites them anyway.
    this.packed = this.addWeight('packed', [this.layout.size], 'float32', tf.initializers.zeros());
    const init = tf.tensor1d(initPackedWeights(this.layout, this.seed));
    this.packed.write(init);
    init.dispose();
    this.built = true;
  }

  /** The tf.Variable holding every GRU weight (see packedLayout for the order). */
  packedVariable(): tf.Variable {
    if (!this.packed) throw new Error('FusedGru: layer is not built yet');
    return this.packed.read() as tf.Variable;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [shape[0], this.units];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return fusedGru(x, this.packedVariable(), this.units, { convention: this.convention });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units, convention: this.convention, seed: this.seed };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls(config);
  }
}

tf.serialization.registerClass(FusedGru);
