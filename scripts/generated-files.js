// What the scripts that write generated TypeScript share: openapi-typescript over a document, and writing the
// files, or with --check telling which ones differ from what they are written from (tests run the check).
'use strict';

const fs = require('node:fs');
const path = require('node:path');

/** TypeScript for an OpenAPI document, as openapi-typescript prints it (an ES module, so imported). */
async function openapiTypes(document, options = {}) {
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  return astToString(await openapiTS(document, options));
}

/**
 * Writes each `[file, text]`; with `--check` on the command line, writes nothing and exits 1 naming each file
 * that is not what `source` gives.
 */
function writeOrCheck(files, source) {
  if (process.argv.includes('--check')) {
    const stale = files.filter(([file, text]) => !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text);
    stale.forEach(([file]) => process.stderr.write(`${path.relative(process.cwd(), file)} is out of step with ${source}; run the script without --check\n`));
    process.exitCode = stale.length > 0 ? 1 : 0;
    return;
  }
  for (const [file, text] of files) {
    fs.writeFileSync(file, text);
    process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
  }
}

/** Runs a script's async main, its failure printed and the exit code set. */
function run(main) {
  main().catch(error => {
    process.stderr.write(`${error.stack}\n`);
    process.exitCode = 1;
  });
}

module.exports = { openapiTypes, run, writeOrCheck };
