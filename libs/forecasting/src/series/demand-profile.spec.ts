import { demandProfile, demandNote } from './demand-profile';

describe('demandProfile', () => {
  it('classifies demand as Syntetos, Boylan and Croston do: ADI 1.32 and CV² 0.49 split four patterns', () => {
    // Every other day a demand of 4 or 6: ADI 2, CV² 0.04.
    expect(demandProfile([4, 0, 6, 0, 4, 0, 6, 0])).toEqual({ pattern: 'intermittent', zeroShare: 0.5, adi: 2, cv2: 0.04 });
    // One day in four, sizes 1 and 9: ADI 4, CV² 0.64.
    expect(demandProfile([1, 0, 0, 0, 9, 0, 0, 0])).toMatchObject({ pattern: 'lumpy', adi: 4, cv2: 0.64 });
    // One zero in ten: ADI 1.11; steady sizes are smooth, wild ones erratic.
    const steady = [5, 5, 6, 5, 0, 6, 5, 5, 6, 5];
    expect(demandProfile(steady)).toMatchObject({ pattern: 'smooth', zeroShare: 0.1 });
    expect(demandProfile([1, 20, 1, 30, 0, 1, 25, 2, 1, 40])?.pattern).toBe('erratic');
  });

  it('applies only to non-negative series with zeros and at least two demands', () => {
    expect(demandProfile([1, 2, 3, 4])).toBeUndefined();
    expect(demandProfile([0, 0, 0, 3, 0])).toBeUndefined();
    expect(demandProfile([0, -1, 2, 3])).toBeUndefined();
    expect(demandProfile([0, NaN, 2, 3])).toBeUndefined();
    expect(demandProfile([])).toBeUndefined();
  });

  it('gives a run its notes.demand only where demand is intermittent or lumpy', () => {
    expect(demandNote([1, 2, 3])).toEqual({});
    expect(demandNote([5, 5, 6, 5, 0, 6, 5, 5, 6, 5])).toEqual({});
    expect(demandNote([1, 20, 1, 30, 0, 1, 25, 2, 1, 40])).toEqual({});
    expect(demandNote([0, 2, 0, 2]).demand?.pattern).toBe('intermittent');
    expect(demandNote([1, 0, 0, 0, 9, 0, 0, 0]).demand?.pattern).toBe('lumpy');
  });
});
