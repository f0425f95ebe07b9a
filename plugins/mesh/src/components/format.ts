import { formatCpu, formatMemory } from '@meshport/plugin-mesh-common';

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

/** Millicores as Kubernetes writes them, or "–" when unset. */
export function cpu(millicores: number | undefined): string {
  return millicores === undefined ? '–' : formatCpu(millicores);
}

/** Bytes as Kubernetes writes them, or "–" when unset. */
export function memory(bytes: number | undefined): string {
  return bytes === undefined ? '–' : formatMemory(bytes);
}
