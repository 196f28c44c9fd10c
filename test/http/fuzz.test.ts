/**
 * The Big List of Naughty Strings through every form field and public parameter (a fixed-seed
 * sample per field; `npm run bench:fuzz` sends the whole list), anonymous and signed in: no 5xx,
 * no stack trace or internal path, no markup echoed unescaped; and what an editor types reads
 * back as documented (control characters removed, line ends made \n, trimmed). Run `npm run
 * build` first.
 */
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { NAUGHTY_STRINGS, ODD_VALUES, runFuzz, sample, seededRandom } from '../../scripts/lib/fuzz';
import { EDITOR_FORM_PAGES, PUBLIC_FORM_PAGES, PUBLIC_QUERIES, skipForm } from '../../scripts/lib/fuzz-targets';
import { createEditor, signIn, sourceFormFields } from '../fixtures';
import { stripControls } from '~/http/request-guards.server';

const SEED = 20261201;
const PER_FIELD = Number(process.env.FUZZ_PER_FIELD ?? 6);

let server: StartedServer;
let cookie = '';
const ids = { claim: '', case: '' };

beforeAll(async () => {
  server = await startServer();
  cookie = await signIn(server, await createEditor(server, { name: 'Ed Fuzz', role: 'editor' }));
  for (const kind of ['claims', 'cases'] as const) {
    const list = await (await fetch(`${server.url}/editor/${kind}`, { headers: { Cookie: cookie } })).text();
    ids[kind === 'claims' ? 'claim' : 'case'] = new RegExp(`href="/editor/${kind}/(\\d+)"`).exec(list)![1];
  }
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

const strings = [...NAUGHTY_STRINGS, ...ODD_VALUES];

describe('naughty strings', () => {
  it('no public parameter or anonymous form answers 5xx, a stack trace or unescaped markup', async () => {
    const report = await runFuzz({
      baseUrl: server.url,
      pages: PUBLIC_FORM_PAGES.map((path) => ({ path, cookie: '' })),
      queries: PUBLIC_QUERIES,
      strings,
      perField: PER_FIELD,
      seed: SEED,
      skip: skipForm,
      cwd: process.cwd(),
    });
    expect(report.requests).toBeGreaterThan(100);
    expect(report.problems.slice(0, 10)).toEqual([]);
  }, 240_000);

  it('no editor form field answers 5xx, a stack trace or unescaped markup', async () => {
    const report = await runFuzz({
      baseUrl: server.url,
      pages: EDITOR_FORM_PAGES.map((path) => ({
        path: path.replace(':claim', ids.claim).replace(':case', ids.case),
        cookie,
      })),
      queries: [],
      strings,
      perField: PER_FIELD,
      seed: SEED + 1,
      skip: skipForm,
      cwd: process.cwd(),
    });
    expect(report.requests).toBeGreaterThan(200);
    expect(report.problems.slice(0, 10)).toEqual([]);
    // The session survived the run (no form signed it out).
    expect((await fetch(`${server.url}/editor`, { headers: { Cookie: cookie }, redirect: 'manual' })).status).toBe(200);
  }, 600_000);

  it('what an editor types reads back as documented', async () => {
    const random = seededRandom(SEED + 2);
    const typed = sample(NAUGHTY_STRINGS, 40, random).filter((s) => s.trim().length > 0);
    for (const [i, value] of typed.entries()) {
      const title = `${value} #${i}`;
      const response = await fetch(`${server.url}/editor/sources/new`, {
        method: 'POST',
        headers: { Cookie: cookie, Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(sourceFormFields({ title, url: '' })).toString(),
        redirect: 'manual',
      });
      expect(response.status, JSON.stringify(title)).toBe(302);
      const page = await (
        await fetch(server.url + response.headers.get('location'), { headers: { Cookie: cookie } })
      ).text();
      const stored = parseHTML(page).document.querySelector('#field-title')?.getAttribute('value');
      const expected = stripControls(title)
        .replace(/\r\n?/g, '\n')
        .trim()
        // A lone surrogate cannot be sent as UTF-8: it arrives as U+FFFD (String#toWellFormed, Node 20+).
        .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
      expect(stored, JSON.stringify(title)).toBe(expected);
    }
  }, 120_000);
});
