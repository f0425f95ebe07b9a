/**
 * The `meshport` command: render, analyze and estimate mesh policies, and read a service's status from a
 * snapshot, without a cluster.
 *
 * @packageDocumentation
 */
import { Command } from 'commander';
import { runAnalyze } from './commands/analyze';
import { runExplain } from './commands/explain';
import { runOverhead } from './commands/overhead';
import { runRender } from './commands/render';
import { runStatus } from './commands/status';
import { CommandResult } from './io';

function finish(result: CommandResult): never {
  for (const line of result.stdout) process.stdout.write(`${line}\n`);
  for (const line of result.stderr) process.stderr.write(`${line}\n`);
  process.exit(result.exitCode);
}

/** Builds the command line program. */
export function createProgram(): Command {
  const program = new Command('meshport').description('Render, analyze and estimate Istio mesh policies offline');
  program
    .command('render')
    .description('Render a mesh policy (service or namespace) into manifests and kustomization.yaml')
    .requiredOption('--policy <file>', 'policy file, YAML or JSON')
    .requiredOption('--out <dir>', 'folder to write the manifests to')
    .action(options => finish(runRender(options)));
  program
    .command('analyze')
    .description('Analyze manifests (files or folders, multi-document YAML); exit 1 on error findings')
    .option('--json', 'print the findings as a JSON array')
    .option('--cluster', 'read the files as a whole cluster (Pods, Services, Namespaces, Secrets included) and run every analyzer')
    .option('--precheck', 'also report what `istioctl x precheck` reports (alpha annotations)')
    .argument('<paths...>', 'files or folders')
    .action((paths, options) => finish(runAnalyze({ paths, json: options.json, cluster: options.cluster, precheck: options.precheck })));
  program
    .command('explain')
    .description('How Istio handles one request over the objects of the files: each proxy, the identity it sees, the policy that decides; exit 1 when denied')
    .requiredOption('--from <caller>', 'the caller: <namespace>/<serviceaccount>[:sidecar|ambient|none] (default sidecar)')
    .requiredOption('--to <host:port>', 'the destination host and port, e.g. payment-service.payments.svc.cluster.local:8080')
    .option('--method <method>', 'HTTP method')
    .option('--path <path>', 'HTTP path')
    .option('--jwt-issuer <issuer>', 'the request carries a valid JWT from this issuer')
    .option('--jwt-subject <subject>', "the JWT's subject")
    .option('--root-namespace <namespace>', "Istio's root namespace", 'istio-system')
    .option('--json', 'print the explanation as JSON')
    .argument('<paths...>', 'files or folders')
    .action((paths, options) => finish(runExplain({ ...options, paths })));
  program
    .command('overhead')
    .description('Estimate the sidecar CPU and memory a policy adds, or what sidecars and ambient would each cost')
    .requiredOption('--policy <file>', 'policy file, YAML or JSON')
    .option('--data-plane <mode>', "sidecar, ambient or both: the data planes' costs side by side")
    .option('--pods-per-node <n>', 'pods sharing a node and its ztunnel (default 30)')
    .option('--json', 'print the estimate as JSON')
    .action(options => finish(runOverhead(options)));
  program
    .command('status')
    .description("A service's mesh status (injection, mTLS, policies, canary, overhead, findings) from a snapshot")
    .requiredOption('--snapshot <dir>', 'directory of Kubernetes YAML, as `kubectl get -o yaml` writes it')
    .requiredOption('--selector <selector>', "label selector of the service's pods, e.g. app=payment-service")
    .option('--namespace <namespace>', 'namespace of the service (default: every namespace)')
    .option('--root-namespace <namespace>', "Istio's root namespace", 'istio-system')
    .option('--json', 'print the status as JSON')
    .action(options => finish(runStatus(options)));
  return program;
}

/** Runs the program; errors reading input end with exit code 2 and a one-line message. */
export function main(argv: string[]) {
  createProgram()
    .parseAsync(argv)
    .catch(error => {
      process.stderr.write(`meshport: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(2);
    });
}

export { runAnalyze, runExplain, runOverhead, runRender, runStatus };
export type { CommandResult };
