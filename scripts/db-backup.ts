// `npm run db:backup -- --out FILE`: a consistent, checked copy of the database, safe to take while
// the site serves (db/backup.ts explains why copying the file is not).
import { parseArgs } from 'node:util';
import { loadEnvironment, printDatabase } from '../config/env';
import { databasePath } from '../db/client';
import { BackupError, backupDatabase } from '../db/backup';

const USAGE = 'Usage: npm run db:backup -- --out FILE   (e.g. --out backups/tracker-$(date +%F).db)';

loadEnvironment();
let out: string | undefined;
try {
  out = parseArgs({ options: { out: { type: 'string' } } }).values.out;
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (!out) {
  console.error(USAGE);
  process.exit(2);
}
printDatabase();
const started = performance.now();
try {
  const result = await backupDatabase(databasePath(), out);
  const counts = Object.entries(result.counts)
    .map(([table, n]) => `${n} ${table}`)
    .join(', ');
  console.log(
    `Backup written to ${out} (${(result.bytes / 1e6).toFixed(1)} MB, ${result.migrations} migrations, ${counts}) in ${Math.round(performance.now() - started)} ms; integrity check ok.`,
  );
} catch (error) {
  console.error(error instanceof BackupError ? error.message : error);
  process.exit(1);
}
