import { CustomErrorBase } from '@backstage/errors';
import { PrometheusConfig } from '../cluster/clusterConfig';
import { Sample } from '@meshport/plugin-mesh-status-node';

/** A Prometheus HTTP API failure, in words without the server's credentials. */
export class PrometheusError extends CustomErrorBase {}

/** Prometheus's HTTP API (`/api/v1/query`, `/api/v1/query_range`), with the configured headers. */
export class PrometheusClient {
  constructor(private readonly config: PrometheusConfig, private readonly timeoutMs: number) {}

  private async get(route: string, params: Record<string, string>): Promise<any> {
    const url = `${this.config.url}${route}?${new URLSearchParams(params)}`;
    let response: Response;
    try {
      response = await fetch(url, { headers: this.config.headers, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      const cause = (error as any)?.cause?.code ?? (error as Error).name;
      throw new PrometheusError(
        cause === 'TimeoutError' ? `Prometheus gave no answer within ${this.timeoutMs} ms` : `Prometheus could not be reached (${cause})`,
      );
    }
    const body: any = await response.json().catch(() => undefined);
    if (!response.ok || body?.status !== 'success') {
      throw new PrometheusError(`Prometheus answered ${response.status}${body?.error ? `: ${body.error}` : ''}`);
    }
    return body.data;
  }

  /** An instant query at `time` (unix seconds). */
  async query(promql: string, time: number): Promise<Sample[]> {
    const data = await this.get('/api/v1/query', { query: promql, time: String(time) });
    return (data.result ?? []).map((r: any) => ({ labels: r.metric ?? {}, value: Number(r.value?.[1]) }));
  }

  /** A range query: every series with its labels and points. */
  async queryRangeSeries(
    promql: string,
    start: number,
    end: number,
    step: number,
  ): Promise<Array<{ labels: Record<string, string>; points: Array<{ time: number; value: number }> }>> {
    const data = await this.get('/api/v1/query_range', { query: promql, start: String(start), end: String(end), step: String(step) });
    return (data.result ?? []).map((r: any) => ({
      labels: r.metric ?? {},
      points: (r.values ?? []).map(([time, value]: [number, string]) => ({ time: Number(time), value: Number(value) })),
    }));
  }
}
