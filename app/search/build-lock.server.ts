/**
 * One builder at a time for the saved search index. Several server processes on one database
 * (`npm start` runs one per core) would otherwise each build the same index when none matches
 * the data, at once: at 100,000 claims minutes of CPU and hundreds of MB each, and the one that
 * finishes first already has what all the others are building. The first takes this lock; the
 * rest wait for its manifest and load that.
 *
 * The lock is a file beside the index directory (not inside it: saving swaps that directory),
 * holding the builder's pid. It is created complete or not at all (written under another name,
 * then hard-linked into place, which fails if it exists), so nobody reads half of one. It is
 * stale once its process is gone (a builder killed with -9 leaves it behind) or after an hour
 * (its pid may since belong to someone else); a stale lock is taken over.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

interface LockRecord {
  pid: number;
  since: number;
  token: string;
}

/** No build has taken this long (100,000 claims: about 2.5 minutes); past it, the pid is no proof. */
const STALE_AFTER_MS = 60 * 60_000;

export const buildLockFile = (indexDir: string) => `${indexDir}.lock`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is only not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockRecord | null {
  try {
    const record = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockRecord>;
    if (Number.isInteger(record.pid) && typeof record.since === 'number' && typeof record.token === 'string')
      return record as LockRecord;
  } catch {
    // Missing or not ours to read: no holder.
  }
  return null;
}

/** The pid building the index into `indexDir` now, or null when nobody (alive) is. */
export function buildLockHolder(indexDir: string): number | null {
  const record = readLock(buildLockFile(indexDir));
  if (!record || Date.now() - record.since > STALE_AFTER_MS || !alive(record.pid)) return null;
  return record.pid;
}

export type BuildLock = { acquired: true; release: () => void } | { acquired: false; holder: number };

/**
 * Takes the lock, or says who holds it. When the lock cannot be written at all (a read-only
 * disk) the caller may build anyway, as it would alone: the lock only saves duplicate work.
 */
export function acquireBuildLock(indexDir: string): BuildLock {
  const file = buildLockFile(indexDir);
  const record: LockRecord = { pid: process.pid, since: Date.now(), token: crypto.randomUUID() };
  const release = () => {
    process.off('exit', release);
    if (readLock(file)?.token === record.token) fs.rmSync(file, { force: true });
  };
  const staged = `${file}.${process.pid}-${record.token}`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(staged, JSON.stringify(record));
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        fs.linkSync(staged, file);
        // A process that exits mid-build (SIGTERM ends it with process.exit) leaves no lock.
        process.on('exit', release);
        return { acquired: true, release };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = buildLockHolder(indexDir);
      // This very process holding it is a build it has forgotten (its state was reset): take over.
      if (holder !== null && holder !== process.pid) return { acquired: false, holder };
      fs.rmSync(file, { force: true });
    }
  } catch {
    // Fall through: build without the lock.
  } finally {
    fs.rmSync(staged, { force: true });
  }
  return { acquired: true, release: () => {} };
}
