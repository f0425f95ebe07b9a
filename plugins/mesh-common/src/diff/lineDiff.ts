/** Lines of context kept around each change. */
const CONTEXT = 2;
/** Past this many line pairs the table of common subsequences is not built: the diff is not shown. */
const MAX_CELLS = 4_000_000;

type Edit = { kind: ' ' | '-' | '+'; line: string };

/** The edits from one text to another by their longest common subsequence of lines. */
function edits(before: string[], after: string[]): Edit[] {
  const n = before.length;
  const m = after.length;
  const table = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) table[i][j] = before[i] === after[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  }
  const out: Edit[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) {
      out.push({ kind: ' ', line: before[i] });
      i += 1;
      j += 1;
    } else if (i < n && (j === m || table[i + 1][j] >= table[i][j + 1])) {
      // Removals first, as diff writes them.
      out.push({ kind: '-', line: before[i] });
      i += 1;
    } else {
      out.push({ kind: '+', line: after[j] });
      j += 1;
    }
  }
  return out;
}

/**
 * A unified diff of two texts ("-" and "+" lines, a few lines of context, "…" between hunks), or
 * undefined when they are too large to compare line by line.
 *
 * @public
 */
export function lineDiff(before: string, after: string): string | undefined {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length * b.length > MAX_CELLS) return undefined;
  const all = edits(a, b);
  const keep = all.map((_edit, index) => all.slice(Math.max(0, index - CONTEXT), index + CONTEXT + 1).some(e => e.kind !== ' '));
  const lines: string[] = [];
  all.forEach((edit, index) => {
    if (!keep[index]) {
      if (lines[lines.length - 1] !== '…') lines.push('…');
      return;
    }
    lines.push(`${edit.kind}${edit.line}`);
  });
  while (lines[0] === '…') lines.shift();
  while (lines[lines.length - 1] === '…') lines.pop();
  return lines.join('\n');
}
