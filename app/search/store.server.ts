/**
 * The saved index: per shard a small JSON file (entries, vocabulary) and a binary file of typed
 * arrays (postings, vectors), plus a manifest naming the data version it reflects.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BINARY_PARTS, type SerializedShard } from './shard-format.server';

export interface IndexManifest {
  dataVersion: number;
  databaseId: string;
  shards: number;
  documents: number;
  builtAt: string;
  format: number;
}
const FORMAT = 3;

type BinaryPart = (typeof BINARY_PARTS)[number];
interface ShardHeader {
  meta: SerializedShard['meta'];
  surface: SerializedShard['surface'];
  variants: SerializedShard['variants'];
  terms: string[];
  lengths: Record<BinaryPart, number>;
}

function writeShard(dir: string, i: number, shard: SerializedShard): void {
  const lengths = Object.fromEntries(BINARY_PARTS.map((p) => [p, shard[p].length])) as Record<BinaryPart, number>;
  const header: ShardHeader = {
    meta: shard.meta,
    surface: shard.surface,
    variants: shard.variants,
    terms: shard.terms,
    lengths,
  };
  fs.writeFileSync(path.join(dir, `shard-${i}.json`), JSON.stringify(header));
  const fd = fs.openSync(path.join(dir, `shard-${i}.bin`), 'w');
  try {
    for (const part of BINARY_PARTS) {
      const array = shard[part];
      fs.writeSync(fd, new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    }
  } finally {
    fs.closeSync(fd);
  }
}

export function readShard(dir: string, i: number): SerializedShard {
  const header = JSON.parse(fs.readFileSync(path.join(dir, `shard-${i}.json`), 'utf8')) as ShardHeader;
  const file = fs.readFileSync(path.join(dir, `shard-${i}.bin`));
  // Typed arrays need 4-byte alignment; copy only if the buffer came back unaligned.
  const bytes = file.byteOffset % 4 === 0 ? file : Buffer.from(file);
  let offset = bytes.byteOffset;
  const parts = {} as Record<BinaryPart, Uint32Array | Float32Array>;
  for (const part of BINARY_PARTS) {
    const length = header.lengths[part];
    parts[part] =
      part === 'vectorScores'
        ? new Float32Array(bytes.buffer, offset, length)
        : new Uint32Array(bytes.buffer, offset, length);
    offset += length * 4;
  }
  return {
    meta: header.meta,
    surface: header.surface,
    variants: header.variants,
    terms: header.terms,
    postingStart: parts.postingStart as Uint32Array,
    postingDocs: parts.postingDocs as Uint32Array,
    vectorStart: parts.vectorStart as Uint32Array,
    vectorTerms: parts.vectorTerms as Uint32Array,
    vectorScores: parts.vectorScores as Float32Array,
  };
}

/**
 * Writes the index, then swaps it in. The shards may come one at a time (a generator building
 * each as it is asked for): each is written and let go before the next is built, so a build
 * never holds the whole serialized index as well as its documents.
 */
export function saveIndex(
  dir: string,
  shards: Iterable<SerializedShard>,
  dataVersion: number,
  databaseId: string,
): void {
  const staging = `${dir}.tmp-${process.pid}-${Date.now()}`;
  fs.mkdirSync(staging, { recursive: true });
  let count = 0;
  let documents = 0;
  for (const shard of shards) {
    writeShard(staging, count, shard);
    count += 1;
    documents += shard.meta.length;
  }
  const manifest: IndexManifest = {
    dataVersion,
    databaseId,
    shards: count,
    documents,
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
