/**
 * The rooms hold (README "Code layout", docs/decisions/0005-rooms.md): what each folder may
 * import, the one spelling of the public rule and of kind-to-URL mappings, and the size of files.
 * Read from the source files themselves, so a new import that breaks a rule fails here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|js|css)$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

interface Import {
  file: string;
  spec: string;
  typeOnly: boolean;
}

function importsOf(file: string): Import[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const found: Import[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
    found.push({ file, spec: m[2], typeOnly: Boolean(m[1]) });
  }
  return found;
}

const APP = filesUnder('app').filter((f) => !f.endsWith('.css'));
const inRoom = (room: string) => APP.filter((f) => f.startsWith(`app/${room}/`));
const ours = (i: Import) => i.spec.startsWith('.') || i.spec.startsWith('~/');
/** Where an import points, as a path under the project (`app/models/claim.server`). */
const target = (i: Import) =>
  i.spec.startsWith('~/') ? `app/${i.spec.slice(2)}` : path.normalize(path.join(path.dirname(i.file), i.spec));

describe('the rooms', () => {
  it('keeps the domain vocabulary free of our other code', () => {
    const outside = inRoom('domain')
      .flatMap(importsOf)
      .filter((i) => ours(i) && !target(i).startsWith('app/domain/'));
    expect(outside).toEqual([]);
  });

  it('keeps reader and editor components and the form pipeline away from server code', () => {
    const server = [...inRoom('components'), ...inRoom('editor'), ...inRoom('forms')]
      .filter((f) => !f.includes('.server.'))
      .flatMap(importsOf)
      .filter((i) => ours(i) && !i.typeOnly && /\.server$/.test(target(i)));
    expect(server).toEqual([]);
    const models = [...inRoom('components'), ...inRoom('editor')]
      .flatMap(importsOf)
      .filter((i) => ours(i) && target(i).startsWith('app/models/'));
    expect(models).toEqual([]);
  });

  it('keeps models from reading UI, routes or presenters', () => {
    const wrong = inRoom('models')
      .flatMap(importsOf)
      .filter((i) => ours(i) && /^app\/(routes|components|editor|publishing)\//.test(target(i)));
    expect(wrong).toEqual([]);
  });

  it('keeps auth from importing models (not even their types) or the boot module', () => {
    const wrong = inRoom('auth')
      .flatMap(importsOf)
      .filter((i) => ours(i) && /^app\/(models\/|boot)/.test(target(i)));
    expect(wrong).toEqual([]);
  });

  it('keeps db/ free of the app, but for the domain vocabulary', () => {
    const wrong = filesUnder('db')
      .filter((f) => !f.includes('migrations'))
      .flatMap(importsOf)
      .filter((i) => ours(i) && target(i).startsWith('app/') && !target(i).startsWith('app/domain/'));
    expect(wrong).toEqual([]);
  });
});

describe('one spelling', () => {
  const sources = APP.filter((f) => !f.startsWith('app/domain/')).map((f) => ({
    file: f,
    text: fs.readFileSync(path.join(ROOT, f), 'utf8'),
  }));

  it('writes the public rule only in the domain', () => {
    expect(sources.filter((s) => /status\s+in\s*\(/i.test(s.text)).map((s) => s.file)).toEqual([]);
  });

  it('maps entity kinds to URL sections only in the domain', () => {
    const mapping = /['"]person['"]\s*\?\s*['"`]\/?(people|organisations)/;
    expect(sources.filter((s) => mapping.test(s.text)).map((s) => s.file)).toEqual([]);
  });
});

describe('file size', () => {
  it('keeps every file under app/ within 400 lines', () => {
    const long = filesUnder('app')
      .map((f) => ({ file: f, lines: fs.readFileSync(path.join(ROOT, f), 'utf8').split('\n').length }))
      .filter((f) => f.lines > 400);
    expect(long).toEqual([]);
  });
});
