import { InputError } from '@backstage/errors';

const suffixes: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
  Pi: 1024 ** 5,
  Ei: 1024 ** 6,
};

/** A Kubernetes quantity in base units ("250m" → 0.25, "128Mi" → 134217728). Throws on malformed input. */
export function parseQuantity(text: string): number {
  const match = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:[eE]([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/.exec(String(text).trim());
  if (!match) throw new InputError(`"${text}" is not a Kubernetes quantity`);
  const [, number, exponent, suffix] = match;
  const value = Number(number);
  if (exponent !== undefined) return value * 10 ** Number(exponent);
  return value * suffixes[suffix ?? ''];
}

/** CPU in millicores from a quantity ("250m" → 250, "1" → 1000). */
export function cpuMillicores(text: string): number {
  return Math.round(parseQuantity(text) * 1000 * 1000) / 1000;
}

/** Memory in bytes from a quantity. */
export function memoryBytes(text: string): number {
  return Math.round(parseQuantity(text));
}

/**
 * "250m" or "1.5" cores, for people.
 *
 * @public
 */
export function formatCpu(millicores: number): string {
  return millicores >= 1000 && millicores % 100 === 0 ? `${millicores / 1000}` : `${Math.round(millicores)}m`;
}

/**
 * "128Mi" / "1.5Gi", for people.
 *
 * @public
 */
export function formatMemory(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${Math.round((bytes / 1024 ** 3) * 100) / 100}Gi`;
  return `${Math.round((bytes / 1024 ** 2) * 10) / 10}Mi`;
}

/**
 * Requests or limits for people: "100m CPU, 128Mi memory"; what is missing "CPU not set".
 *
 * @public
 */
export function formatAmounts(amounts: { cpu?: number; memory?: number }): string {
  const cpu = amounts.cpu === undefined ? 'CPU not set' : `${formatCpu(amounts.cpu)} CPU`;
  const memory = amounts.memory === undefined ? 'memory not set' : `${formatMemory(amounts.memory)} memory`;
  return `${cpu}, ${memory}`;
}
