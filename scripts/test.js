// `npm test`: bootstraps and installs, then runs every check the project has and ends with one
// line `N passed, N failed, N skipped` that sums them all.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { repoRoot } = require('./toolchain');
const { ensureInstalled } = require('./install');
const { ensureSystemPackages } = require('./system-packages');

const resultsDir = path.join(repoRoot, '.data', 'test-results');
const chromiumPath = process.env.MESHPORT_CHROMIUM || '/usr/bin/chromium';
const inCi = Boolean(process.env.CI);

function run(toolchain, label, args, extraEnv = {}) {
  process.stdout.write(`\n[meshport] ${label}: yarn ${args.join(' ')}\n`);
  const started = Date.now();
  const result = spawnSync(toolchain.node, [toolchain.yarn, ...args], {
    cwd: repoRoot,
    env: { ...toolchain.env, ...extraEnv },
    stdio: 'inherit',
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  process.stdout.write(`[meshport] ${label}: exit ${result.status ?? result.signal} after ${seconds}s\n`);
  return result.status === 0;
}

/** A check that is one pass or one fail. */
function singleCheck(toolchain, label, args) {
  const ok = run(toolchain, label, args);
  return { label, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 };
}

/** A jest run; its counts come from jest's JSON report, and a crash with no report counts as one failure. */
function jestSuite(toolchain, label, args) {
  fs.mkdirSync(resultsDir, { recursive: true });
  const report = path.join(resultsDir, `${label.replace(/\W+/g, '-')}.json`);
  fs.rmSync(report, { force: true });
  const ok = run(toolchain, label, [...args, '--ci', '--json', `--outputFile=${report}`], { CI: 'true' });
  if (!fs.existsSync(report))
    return {
      label,
      passed: 0,
      failed: 1,
      skipped: 0,
      note: 'jest wrote no report',
    };
  const summary = JSON.parse(fs.readFileSync(report, 'utf8'));
  const failedSuites = summary.numRuntimeErrorTestSuites + (summary.numFailedTestSuites - countSuitesWithFailedTests(summary));
  const counts = {
    label,
    passed: summary.numPassedTests,
    failed: summary.numFailedTests + Math.max(0, failedSuites),
    skipped: summary.numPendingTests + summary.numTodoTests,
  };
  if (!ok && counts.failed === 0) counts.failed = 1; // jest failed for a reason outside any test
  if (summary.numTotalTests === 0) counts.failed += 1; // a suite that ran nothing is a defect
  return counts;
}

function countSuitesWithFailedTests(summary) {
  return summary.testResults.filter(suite => suite.assertionResults.some(test => test.status === 'failed')).length;
}

function browserSuite(toolchain) {
  if (!fs.existsSync(chromiumPath)) {
    if (inCi) {
      process.stdout.write(`\n[meshport] browser suite: Chromium is missing at ${chromiumPath}, and CI requires it\n`);
      return { label: 'browser suite', passed: 0, failed: 1, skipped: 0 };
    }
    process.stdout.write(`\n[meshport] browser suite SKIPPED: no Chromium at ${chromiumPath} (apt-get install chromium)\n`);
    return { label: 'browser suite', passed: 0, failed: 0, skipped: 1 };
  }
  return jestSuite(toolchain, 'browser suite', ['workspace', '@meshport/e2e-tests', 'e2e']);
}

function main() {
  ensureSystemPackages(['chromium', 'prometheus', 'python3-yaml']);
  const toolchain = ensureInstalled();
  const results = [
    singleCheck(toolchain, 'Backstage release check', ['check:backstage-versions']),
    singleCheck(toolchain, 'type-check', ['tsc']),
    singleCheck(toolchain, 'lint', ['lint', '--max-warnings', '0']),
    singleCheck(toolchain, 'formatting', ['prettier:check']),
    // From a fresh declaration build of their own (scripts/api-reports.js).
    singleCheck(toolchain, 'API reports', ['check:api-reports']),
    jestSuite(toolchain, 'unit and integration tests', ['test:unit']),
    singleCheck(toolchain, 'install into a stock Backstage app', ['node', 'scripts/stock-app-check.js']),
    browserSuite(toolchain),
  ];

  process.stdout.write('\n[meshport] results\n');
  for (const r of results) {
    process.stdout.write(`  ${r.label}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped${r.note ? ` (${r.note})` : ''}\n`);
  }
  const total = key => results.reduce((sum, r) => sum + r[key], 0);
  process.stdout.write(`\ntests: ${total('passed')} passed, ${total('failed')} failed, ${total('skipped')} skipped\n`);
  process.exit(total('failed') > 0 ? 1 : 0);
}

main();
