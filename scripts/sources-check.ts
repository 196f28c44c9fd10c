// `npm run sources:check [-- --source SLUG]`: re-request every source's address (or one), politely,
// record what answered (ok, moved, gone, unreachable, changed) and capture changed pages again.
import { parseArgs } from 'node:util';
import { loadEnvironment, printDatabase } from '../config/env';
import { getDb, migrateDatabase } from '../db/client';
import { checkAllSources, type SourceCheckResult } from '../app/capture/check.server';
import { sourcesToCheck } from '../app/models/source-checks.server';

loadEnvironment();
let args;
try {
  args = parseArgs({ options: { source: { type: 'string' }, help: { type: 'boolean' } } }).values;
} catch (error) {
  console.error(`${error instanceof Error ? error.message : error}. Usage: npm run sources:check [-- --source SLUG]`);
  process.exit(1);
}
if (args.help) {
  console.log(
    'npm run sources:check [-- --source SLUG]\n' +
      'Re-requests every source address (or the one with SLUG), at most one request per host every ' +
      'SOURCE_CHECK_HOST_INTERVAL_MS, and records ok / moved / gone / unreachable / changed.',
  );
  process.exit(0);
}
printDatabase();
migrateDatabase(getDb());
if (args.source !== undefined && sourcesToCheck(args.source).length === 0) {
  console.error(`No source with the slug "${args.source}" and an address to check.`);
  process.exit(1);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const line = (r: SourceCheckResult) =>
  [
    `${r.outcome.padEnd(11)} ${r.slug}`,
    r.httpStatus ? ` (${r.httpStatus})` : '',
    r.location ? ` → ${r.location}` : '',
    r.error ? `: ${r.error}` : '',
    r.recaptured ? ' Captured again; quotes re-checked.' : '',
    r.recaptureError ? ` Capturing it again failed: ${r.recaptureError}` : '',
  ].join('');

const summary = await checkAllSources({ slug: args.source, onResult: (r) => console.log(line(r)) });
const { counts } = summary;
console.log(
  `Checked ${summary.results.length} sources on ${summary.hosts.length} hosts in ${seconds(summary.ms)}: ` +
    `${counts.ok} ok, ${counts.changed} changed, ${counts.moved} moved, ${counts.gone} gone, ${counts.unreachable} unreachable.`,
);
const gaps = summary.hosts.filter((h) => h.smallestGapMs !== null);
const smallest = gaps.reduce<(typeof gaps)[number] | null>(
  (min, h) => (min === null || h.smallestGapMs! < min.smallestGapMs! ? h : min),
  null,
);
console.log(
  `Rate per host: one request at a time, the next ${seconds(summary.perHostIntervalMs)} after it ended; ${summary.hostsAtOnce} hosts at a time` +
    (smallest
      ? ` (measured: smallest gap between two requests ${seconds(smallest.smallestGapMs!)}, on ${smallest.host}, ${smallest.requests} requests).`
      : ' (no host was sent two requests).'),
);
