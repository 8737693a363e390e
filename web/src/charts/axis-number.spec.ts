import { axisNumber } from './axis-number';

describe('axisNumber', () => {
  it('writes large values compactly, tiny ones in exponent form, the rest as they are', () => {
    expect([1_083_756_491, 250_000, -3_400_000].map(axisNumber)).toEqual(['1.08B', '250K', '-3.4M']);
    expect([0, 12.5, 99_999, 0.25, -7].map(axisNumber)).toEqual(['0', '12.5', '99,999', '0.25', '-7']);
    expect([2.5e-9, -0.0004].map(axisNumber)).toEqual(['2.5e-9', '-4.0e-4']);
  });
});
