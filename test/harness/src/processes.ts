import { ChildProcess, spawn } from 'node:child_process';

/** A child process whose combined output is kept for assertions. */
export interface ManagedProcess {
  readonly child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Starts a command in its own process group so that stop() ends it and everything it started. */
export function startProcess(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): ManagedProcess {
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: string[] = [];
  child.stdout!.on('data', chunk => chunks.push(String(chunk)));
  child.stderr!.on('data', chunk => chunks.push(String(chunk)));
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));

  return {
    child,
    output: () => chunks.join(''),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}

/** Thrown by a probe when waiting longer cannot help. */
export class FatalStartupError extends Error {}

/** Polls `probe` until it resolves true; fails early when the process exits, or at the deadline. */
export async function waitFor(what: string, probe: () => Promise<boolean>, process: ManagedProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (process.child.exitCode !== null) {
      throw new Error(`${what}: the process exited with ${process.child.exitCode} before it was ready.\n${tail(process.output())}`);
    }
    const ready = await probe().catch(error => {
      if (error instanceof FatalStartupError) {
        throw new Error(`${what}: start-up failed: ${error.message}\n${tail(process.output())}`);
      }
      return false;
    });
    if (ready) return;
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  throw new Error(`${what}: not ready after ${timeoutMs} ms.\n${tail(process.output())}`);
}

function tail(text: string, lines = 60): string {
  return text.split('\n').slice(-lines).join('\n');
}
