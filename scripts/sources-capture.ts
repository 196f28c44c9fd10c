// `npm run sources:capture [-- --all | --source SLUG]`: capture sources now, from the command line.
// With no option it runs the jobs already due in the queue (what the server's loop would run);
// --all queues every source with an address first, --source one. Captures go where the server
// keeps them (CAPTURES_PATH), through the same safe fetcher, and are indexed in the same table.
import { parseArgs } from 'node:util';
import { loadEnvironment, printDatabase } from '../config/env';
import { getDb, migrateDatabase } from '../db/client';
import { drainCaptureJobs, requestCapture } from '../app/capture/jobs.server';
import { capturesDir } from '../app/capture/warc.server';
import { getCaptureJob, sourceForCapture, sourcesWithUrls } from '../app/models/captures.server';

const USAGE = 'Usage: npm run sources:capture [-- --all | --source SLUG]';

let options: { all?: boolean; source?: string; help?: boolean };
try {
  options = parseArgs({
    options: { all: { type: 'boolean' }, source: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
if (options.all && options.source) {
  console.error(`Give --all or --source, not both.\n${USAGE}`);
  process.exit(2);
}

loadEnvironment();
printDatabase();
migrateDatabase(getDb());
console.log(`Captures: ${capturesDir()}`);

if (options.source) {
  const source = sourceForCapture(options.source);
  if (!source) {
    console.error(`No source with slug "${options.source}".`);
    process.exit(1);
  }
  if (!source.url) {
    console.error(`The source "${source.slug}" has no address to capture.`);
    process.exit(1);
  }
  requestCapture(source.id, 'manual');
} else if (options.all) {
  const all = sourcesWithUrls();
  for (const source of all) requestCapture(source.id, 'manual');
  console.log(`Queued ${all.length} sources.`);
}

let kept = 0;
let failed = 0;
let bytes = 0;
const ran = await drainCaptureJobs((job, outcome) => {
  const slug = sourceForCapture(job.sourceId)?.slug ?? `source ${job.sourceId}`;
  const seconds = (outcome.elapsedMs / 1000).toFixed(1);
  if (outcome.error === null && outcome.capture) {
    kept += 1;
    bytes += outcome.capture.byteLength ?? 0;
    const kb = Math.round((outcome.capture.byteLength ?? 0) / 1024);
    console.log(`${slug}: captured ${kb} KB, sha256 ${outcome.capture.sha256?.slice(0, 12)}…, in ${seconds} s`);
  } else {
    failed += 1;
    const after = getCaptureJob(job.id);
    const retry =
      after?.state === 'queued'
        ? ` (to be tried again after ${new Date(after.nextAttemptAt * 1000).toISOString()})`
        : '';
    console.log(`${slug}: failed: ${outcome.error}${retry}`);
  }
});
console.log(`${ran} captures run: ${kept} kept (${Math.round(bytes / 1024)} KB as received), ${failed} failed.`);
process.exit(failed > 0 && kept === 0 && ran > 0 ? 1 : 0);
