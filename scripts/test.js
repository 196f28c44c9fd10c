// `npm test`: type check, lint, build, then every vitest suite (unit, model, HTTP, browser).
// CI reads only the last line, which is always "N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const steps = [
  ['typecheck', 'npx', ['tsc', '--noEmit']],
  ['lint', 'npx', ['eslint', '.']],
  ['format', 'npx', ['prettier', '--check', '.']],
  // The same build as `npm run build`: the server bundle and the search worker beside it.
  ['build', 'npm', ['run', 'build']],
];

let passed = 0;
let failed = 0;
for (const [name, command, args] of steps) {
  console.log(`\n== ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status === 0) passed += 1;
  else {
    failed += 1;
    console.log(`!! ${name} failed`);
  }
}

fs.mkdirSync('.tmp', { recursive: true });

/** Runs vitest with a JSON report and adds its counts to the totals. */
function runVitest(label, args) {
  const report = `.tmp/vitest-report-${label}.json`;
  fs.rmSync(report, { force: true });
  console.log(`\n== tests (${label}): vitest run ${args.join(' ')}`);
  const vitest = spawnSync(
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args],
    { stdio: 'inherit' },
  );
  if (!fs.existsSync(report)) {
    failed += 1;
    console.log(`!! vitest exited with ${vitest.status} and wrote no report`);
    return;
  }
  const summary = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed += summary.numPassedTests;
  failed += summary.numFailedTests;
  // A file that failed without a failed test (it did not load, or a beforeAll hook threw and its
  // tests were skipped) still counts once, so it cannot pass silently.
  failed += (summary.testResults ?? []).filter(
    (r) => r.status === 'failed' && !r.assertionResults.some((a) => a.status === 'failed'),
  ).length;
}

// Lighthouse's performance score follows the machine's load, so it runs last, alone, on a quiet
// machine rather than beside the other browser suites. Arguments (a file filter) mean one run.
const LIGHTHOUSE = 'test/quality/lighthouse.test.ts';
const filter = process.argv.slice(2);
if (filter.length > 0) runVitest('filtered', filter);
else {
  runVitest('suites', ['--exclude', LIGHTHOUSE]);
  runVitest('lighthouse', [LIGHTHOUSE]);
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
