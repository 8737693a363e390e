import { InvalidArgumentError } from 'commander';
import { collectParam, positiveInt } from './option-parsers';

describe('option parsers', () => {
  it('--param name=value: numbers and booleans as JSON, other values as strings, repeatable', () => {
    let params = collectParam('epochs=50');
    params = collectParam('shuffle=false', params);
    params = collectParam('transform=log', params);
    params = collectParam('learningRate=1e-3', params);
    expect(params).toEqual({ epochs: 50, shuffle: false, transform: 'log', learningRate: 0.001 });
    expect(() => collectParam('epochs')).toThrow(InvalidArgumentError);
    expect(() => collectParam('=3')).toThrow(InvalidArgumentError);
  });

  it('positive integers only', () => {
    expect(positiveInt('3')).toBe(3);
    for (const bad of ['0', '-1', '1.5', 'x', '']) expect(() => positiveInt(bad)).toThrow(InvalidArgumentError);
  });
});
