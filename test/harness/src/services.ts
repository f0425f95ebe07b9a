import { execFileSync } from 'node:child_process';

/**
 * Synchronously tells whether host:port accepts TCP connections. Synchronous so that a test file can
 * decide at load time whether a suite runs, and say why when it does not.
 */
export function isListeningSync(host: string, port: number, timeoutMs = 1500): boolean {
  const probe = `
    const socket = require('node:net').connect(${port}, ${JSON.stringify(host)});
    socket.setTimeout(${timeoutMs}, () => process.exit(1));
    socket.once('connect', () => process.exit(0));
    socket.once('error', () => process.exit(1));`;
  try {
    execFileSync(process.execPath, ['-e', probe], { stdio: 'ignore', timeout: timeoutMs + 2000 });
    return true;
  } catch {
    return false;
  }
}

/** `describe` when the service answers, else `describe.skip` with a printed reason. */
export function describeWhenListening(service: string, host: string, port: number): jest.Describe {
  if (isListeningSync(host, port)) return describe;
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED: no ${service} answers on ${host}:${port}; the suites that need it did not run.`);
  return describe.skip;
}
