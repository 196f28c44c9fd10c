/** The saved index: one JSON file per shard plus a manifest naming the data version it reflects. */
import fs from 'node:fs';
import path from 'node:path';
import type { SerializedShard } from './engine.server';

export interface IndexManifest {
  dataVersion: number;
  shards: number;
  documents: number;
  builtAt: string;
  format: number;
}
const FORMAT = 1;

export function saveIndex(dir: string, shards: SerializedShard[], dataVersion: number): void {
  const staging = `${dir}.tmp-${process.pid}-${Date.now()}`;
  fs.mkdirSync(staging, { recursive: true });
  shards.forEach((shard, i) => fs.writeFileSync(path.join(staging, `shard-${i}.json`), JSON.stringify(shard)));
  const manifest: IndexManifest = {
    dataVersion,
    shards: shards.length,
    documents: shards.reduce((n, s) => n + s.meta.length, 0),
    builtAt: new Date().toISOString(),
    format: FORMAT,
  };
  fs.writeFileSync(path.join(staging, 'manifest.json'), JSON.stringify(manifest));
  // Swap directories so a reader never sees half an index.
  const old = `${dir}.old-${process.pid}-${Date.now()}`;
  if (fs.existsSync(dir)) fs.renameSync(dir, old);
  fs.renameSync(staging, dir);
  fs.rmSync(old, { recursive: true, force: true });
}

export function readManifest(dir: string): IndexManifest | null {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as IndexManifest;
    return manifest.format === FORMAT ? manifest : null;
  } catch {
    return null;
  }
}

export function readShard(dir: string, i: number): SerializedShard {
  return JSON.parse(fs.readFileSync(path.join(dir, `shard-${i}.json`), 'utf8')) as SerializedShard;
}
