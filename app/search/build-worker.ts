/**
 * Runs in a worker thread: reads every searchable entry from the database, builds the shards
 * and saves them beside the database. The serving thread only loads the result.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { loadSearchDocuments } from './documents.server';
import { buildShard, shardDocuments } from './shard-format.server';
import { saveIndex } from './store.server';

const { databasePath, dir, databaseId } = workerData as { databasePath: string; dir: string; databaseId: string };
const sqlite = new Database(databasePath, { readonly: true, fileMustExist: true });
sqlite.pragma('busy_timeout = 5000');
const started = Date.now();
const read = sqlite.transaction(() => {
  const row = sqlite.prepare(`select value from site_meta where key = 'data_version'`).get() as
    | { value: string }
    | undefined;
  return { dataVersion: row ? Number(row.value) : 0, docs: loadSearchDocuments(sqlite) };
});
const { dataVersion, docs } = read();
sqlite.close();
const documents = docs.length;
const groups: ((typeof docs)[number][] | null)[] = shardDocuments(docs);
docs.length = 0;
// One shard at a time: built, written, and then let go with its documents, so the thread never
// holds every document and the whole serialized index at once (at 100,000 claims, hundreds of MB).
function* shards() {
  for (let i = 0; i < groups.length; i += 1) {
    const shard = buildShard(groups[i]!);
    groups[i] = null;
    yield shard;
  }
}
saveIndex(dir, shards(), dataVersion, databaseId);
parentPort?.postMessage({ dataVersion, documents, shards: groups.length, ms: Date.now() - started });
