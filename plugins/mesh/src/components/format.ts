/** 0.0213 → "2.1%"; undefined → "n/a". */
export function percent(share: number | undefined, digits = 1): string {
  return share === undefined || !Number.isFinite(share) ? 'n/a' : `${(share * 100).toFixed(digits)}%`;
}

/** 12.34 → "12.3 req/s". */
export function requestRate(rate: number | undefined): string {
  return rate === undefined ? 'n/a' : `${rate.toFixed(1)} req/s`;
}

/** 94.9 → "95 ms". */
export function milliseconds(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? 'n/a' : `${Math.round(value)} ms`;
}

/** Millicores in cores, as people read them (250 → "0.25 CPU cores"), or "–" when unset. */
export function cpu(millicores: number | undefined): string {
  if (millicores === undefined) return '–';
  const cores = millicores / 1000;
  // Under a core, to the millicore (0.065), as requests are written; above, to a tenth.
  let digits = 3;
  if (Math.abs(cores) >= 10) digits = 0;
  else if (Math.abs(cores) >= 1) digits = 1;
  return `${Number(cores.toFixed(digits))} CPU ${Math.abs(cores) === 1 ? 'core' : 'cores'}`;
}

/** Bytes in MiB or GiB, as people read them (715_849_728 → "683 MiB"), or "–" when unset. */
export function memory(bytes: number | undefined): string {
  if (bytes === undefined) return '–';
  const mib = bytes / 2 ** 20;
  return Math.abs(mib) >= 1024 ? `${Number((mib / 1024).toFixed(1))} GiB` : `${Math.round(mib)} MiB`;
}

/** A count with its noun: 1 → "1 proxy", 2 → "2 proxies". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
