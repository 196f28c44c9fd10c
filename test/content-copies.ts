/**
 * Throwaway copies of content/ for import tests: a copy with some files rewritten, and the error
 * an import of a broken copy gives. Every copy is removed after the test file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import { getDb } from '../db/client';
import { ContentError, importContent } from '~/content/import.server';

const CONTENT = path.resolve('content');
const tempDirs: string[] = [];

afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** An empty temporary folder, removed after the test file. */
export function tempDir(prefix = 'tracker-content-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** A copy of content/ with some files (`claims/x.md`) rewritten; an edit that changes nothing fails. */
export function contentCopy(edits: Record<string, (text: string) => string>): string {
  const dir = tempDir();
  fs.cpSync(CONTENT, dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const target = path.join(dir, file);
    const before = fs.readFileSync(target, 'utf8');
    const after = edit(before);
    // Guard against a silent no-op edit: the test would then prove nothing.
    expect(after, `edit of ${file} changed nothing`).not.toBe(before);
    fs.writeFileSync(target, after);
  }
  return dir;
}

/** The error importing `dir` into this test file's database gives; fails if the import succeeds. */
export function importError(dir: string): ContentError {
  try {
    importContent(getDb(), dir);
  } catch (error) {
    if (error instanceof ContentError) return error;
    throw error;
  }
  throw new Error('importContent accepted broken content');
}

/** Importing `dir` is refused with a problem naming `file` and `field`, and a message matching `message`. */
export function expectRefusal(dir: string, file: string, field: string, message: string | RegExp): ContentError {
  const error = importError(dir);
  expect(error).toBeInstanceOf(ContentError);
  expect(error.message).toContain(`${file}: ${field}:`);
  expect(error.problems).toContainEqual(
    expect.objectContaining({ file, field, message: expect.stringMatching(message) }),
  );
  return error;
}
