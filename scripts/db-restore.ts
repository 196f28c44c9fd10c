// `npm run db:restore -- FILE`: checks a backup and installs it as the database, with the server
// stopped. The database it replaces is kept beside it; the next start applies any newer migrations.
import { loadEnvironment, printDatabase } from '../config/env';
import { databasePath } from '../db/client';
import { BackupError, restoreDatabase } from '../db/backup';

loadEnvironment();
const args = process.argv.slice(2).filter((a) => a !== '--');
if (args.length !== 1 || args[0].startsWith('-')) {
  console.error('Usage: npm run db:restore -- FILE   (stop the server first)');
  process.exit(2);
}
printDatabase();
try {
  const result = restoreDatabase(args[0], databasePath());
  console.log(
    `Restored ${args[0]} (${result.migrations} migrations, ${result.counts.claims} claims, ${result.counts.sources} sources).` +
      (result.previous ? ` The database it replaced is kept at ${result.previous}.` : ''),
  );
  console.log('Start the server as usual; it applies any migrations newer than the backup.');
} catch (error) {
  console.error(error instanceof BackupError ? error.message : error);
  process.exit(1);
}
