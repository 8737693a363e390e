import { admissibleSeasonal, maxRootModulus, polyRootModuli } from './admissible';

describe('ETS admissibility', () => {
  it('finds polynomial roots', () => {
    // (z − 2)(z + 0.5)(z² + 1) = z⁴ − 1.5z³ + 0z² − 1.5z − 1
    expect(polyRootModuli([-1, -1.5, 0, -1.5, 1]).sort((a, b) => a - b)).toEqual([
      expect.closeTo(0.5, 9),
      expect.closeTo(1, 9),
      expect.closeTo(1, 9),
      expect.closeTo(2, 9),
    ]);
  });

  // Reference: numpy.roots on R's polynomial for the same parameters.
  it.each([
    [0.7474621500634594, 0.00010188895391516563, 0.00010011842546752068, 1, 12, 0.9999977658708987],
    [0.5, 0.4, 0.4, 0.98, 12, 1.0148578746586707],
    [0.9, 0.85, 0.09, 0.98, 4, 0.9948869229178178],
    [0.3, 0.2, 0.5, 0.9, 4, 0.7734745137962403],
    [0.2, 0.1, 0.3, 0.98, 12, 0.9697211929063184],
    [0.95, 0.9, 0.04, 0.8, 12, 1.0012397865204277],
  ])('α %p β %p γ %p φ %p m %p: largest root modulus %p', (alpha, beta, gamma, phi, m, expected) => {
    expect(maxRootModulus(alpha, beta, gamma, phi, m)).toBeCloseTo(expected, 7);
    expect(admissibleSeasonal(alpha, beta, gamma, phi, m)).toBe(expected <= 1 + 1e-10);
  });
});
