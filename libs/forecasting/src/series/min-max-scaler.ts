// Min-max scaling to a fixed range ([-1, 1] by default, the range of tanh, the GRU's output
// nonlinearity). Fit on the training part only: fitting on the whole series would leak the
// holdout's range into training and flatter the holdout metrics.

/** Everything needed to rebuild the scaler; store it next to the model artifacts. */
export interface MinMaxScalerParams {
  min: number;
  max: number;
  lo: number;
  hi: number;
}

export class MinMaxScaler {
  private constructor(readonly params: MinMaxScalerParams) {}

  /** Fits on `train`. A constant series (min == max) maps to the middle of the range. */
  static fit(train: ArrayLike<number>, range: [number, number] = [-1, 1]): MinMaxScaler {
    if (train.length === 0) throw new Error('MinMaxScaler.fit: empty series');
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < train.length; i++) {
      if (!Number.isFinite(train[i])) throw new Error(`MinMaxScaler.fit: non-finite value at ${i}`);
      min = Math.min(min, train[i]);
      max = Math.max(max, train[i]);
    }
    const [lo, hi] = range;
    if (!(hi > lo)) throw new Error(`MinMaxScaler: range [${lo}, ${hi}] is empty`);
    return new MinMaxScaler({ min, max, lo, hi });
  }

  static fromParams(params: MinMaxScalerParams): MinMaxScaler {
    const { min, max, lo, hi } = params;
    if (![min, max, lo, hi].every(Number.isFinite) || max < min || !(hi > lo)) {
      throw new Error(`MinMaxScaler.fromParams: invalid params ${JSON.stringify(params)}`);
    }
    return new MinMaxScaler({ min, max, lo, hi });
  }

  transform(values: ArrayLike<number>): number[] {
    return Array.from(values, (v) => this.transformOne(v));
  }

  inverse(values: ArrayLike<number>): number[] {
    return Array.from(values, (v) => this.inverseOne(v));
  }

  transformOne(v: number): number {
    const { min, max, lo, hi } = this.params;
    if (max === min) return (lo + hi) / 2;
    return lo + ((v - min) * (hi - lo)) / (max - min);
  }

  inverseOne(v: number): number {
    const { min, max, lo, hi } = this.params;
    if (max === min) return min;
    return min + ((v - lo) * (max - min)) / (hi - lo);
  }

  toJSON(): MinMaxScalerParams {
    return { ...this.params };
  }
}
