// `npm run content:export -- --out DIR`: write the whole database in the content/ format.
// `npm run content:export -- --format csv --out FILE`: write every claim as one CSV row.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadEnvironment, printDatabase } from '../config/env';
import { databasePath, getDb, migrateDatabase } from '../db/client';
import { claimsCsv } from '../app/content/csv.server';
import { exportContent } from '../app/content/export.server';

loadEnvironment();

const usage = 'usage: npm run content:export -- [--format content|csv] --out DIR_OR_FILE';

let options: { out?: string; format?: string };
try {
  options = parseArgs({
    options: { out: { type: 'string' }, format: { type: 'string', default: 'content' } },
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(1);
}
if (!options.out || (options.format !== 'content' && options.format !== 'csv')) {
  console.error(usage);
  process.exit(1);
}

const out = path.resolve(options.out);
printDatabase();
const db = getDb();
migrateDatabase(db);
if (options.format === 'csv') {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, claimsCsv(db));
  const { n } = db.$client.prepare('select count(*) as n from claims').get() as { n: number };
  console.log(`Wrote ${n} claims from ${databasePath()} to ${out}.`);
} else {
  const summary = exportContent(db, out);
  console.log(
    `Exported ${databasePath()} to ${out}: ${summary.claims} claims, ${summary.sources} sources, ` +
      `${summary.cases} cases, ${summary.people} people, ${summary.organisations} organisations, ` +
      `${summary.topics} topics.`,
  );
}
