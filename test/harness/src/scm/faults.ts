/** An error a test server answers instead of doing the work, for one route. */
export interface Fault {
  method: string;
  path: RegExp;
  /** The answer; or, with `hang`, none at all (the request stays open until the server stops). */
  status?: number;
  body?: unknown;
  hang?: boolean;
  /** How many requests it hits; default all. */
  times?: number;
}

/** Faults a test arranges on a test server; each request asks for the first that matches. */
export class FaultPlan {
  private faults: Fault[] = [];

  add(fault: Fault) {
    this.faults.push({ ...fault });
  }

  clear() {
    this.faults = [];
  }

  take(method: string, path: string): Fault | undefined {
    const fault = this.faults.find(f => f.method === method && f.path.test(path));
    if (!fault) return undefined;
    if (fault.times !== undefined && --fault.times <= 0) this.faults = this.faults.filter(f => f !== fault);
    return fault;
  }
}
