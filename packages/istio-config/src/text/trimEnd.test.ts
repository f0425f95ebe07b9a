import { trimEndOf } from './trimEnd';

describe('trimEndOf', () => {
  it('removes a run of the character at the end only', () => {
    expect(trimEndOf('mesh//', '/')).toBe('mesh');
    expect(trimEndOf('/a/b', '/')).toBe('/a/b');
    expect(trimEndOf('---', '-')).toBe('');
    expect(trimEndOf('', '-')).toBe('');
  });

  it('reads a long run with a rejecting end as one pass (the input that made /\\/+$/ quadratic)', () => {
    const hostile = `${'/'.repeat(200_000)}x`;
    expect(trimEndOf(hostile, '/')).toBe(hostile);
    expect(trimEndOf(`x${'/'.repeat(200_000)}`, '/')).toBe('x');
  });
});
