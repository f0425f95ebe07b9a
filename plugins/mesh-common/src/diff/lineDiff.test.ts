import { lineDiff } from './lineDiff';

describe('lineDiff', () => {
  it('shows the changed lines with two lines of context, and elides the rest', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'mode: PERMISSIVE', 'i'].join('\n');
    const after = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'mode: STRICT', 'i', 'j'].join('\n');
    expect(lineDiff(before, after)).toBe([' g', ' h', '-mode: PERMISSIVE', '+mode: STRICT', ' i', '+j'].join('\n'));
  });

  it('marks a gap between two changes, and says nothing of identical texts', () => {
    const before = ['x', '1', '2', '3', '4', '5', '6', 'y'].join('\n');
    const after = ['X', '1', '2', '3', '4', '5', '6', 'Y'].join('\n');
    expect(lineDiff(before, after)).toBe(['-x', '+X', ' 1', ' 2', '…', ' 5', ' 6', '-y', '+Y'].join('\n'));
    expect(lineDiff('same\n', 'same\n')).toBe('');
  });

  it('gives up on texts too large to compare line by line', () => {
    const big = Array.from({ length: 2100 }, (_, i) => `line ${i}`).join('\n');
    expect(lineDiff(big, `${big}\nmore`)).toBeUndefined();
  });
});
