// `npm run content:import`: migrate, then load content/ into the database in one transaction.
import { loadEnvironment, printDatabase } from '../config/env';
import { getDb, migrateDatabase, databasePath } from '../db/client';
import { ContentError, contentDir, importContent } from '../app/content/import.server';
import { buildAndSaveIndex, searchIndexDir } from '../app/search/index.server';
import { ALL_KEY } from '../app/http/cache-tags.server';
import { purgeSharedCache } from '../app/http/purge.server';

loadEnvironment();
printDatabase();
const db = getDb();
migrateDatabase(db);
try {
  const summary = importContent(db, contentDir());
  console.log(
    `Imported ${contentDir()} into ${databasePath()}: ${summary.claims} claims, ${summary.sources} sources, ` +
      `${summary.cases} cases, ${summary.entities} people and organisations, ${summary.topics} topics.`,
  );
  // The readers' index too, so the next start loads it rather than building it while it serves.
  const started = performance.now();
  const documents = buildAndSaveIndex();
  console.log(
    `Search index built and saved to ${searchIndexDir()}: ${documents} entries in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
  // Running servers see the import at their next request (the content generation moved); a shared
  // cache in front is told to forget every page.
  if (await purgeSharedCache([ALL_KEY])) console.log(`Told ${process.env.PURGE_URL} to purge every page.`);
} catch (error) {
  if (error instanceof ContentError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
