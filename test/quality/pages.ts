/**
 * Every page kind the quality gates check, with one real URL each from the seeded content/, and
 * the shared set-up: the built server on a temp database, an editor account, a signed-in cookie
 * (for fetch) and signed-in browser contexts (for Chromium).
 */
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { createEditor } from '../fixtures';

/** The source the quality server gets a capture of, and its citation whose quote is marked in it. */
const CAPTURED_SOURCE = 'foxbiz-purdy-denial';
let CAPTURED_CITATION = 0;

export interface PageKind {
  /** What a reader would call the page, used in every failure message. */
  name: string;
  path: string;
  /** Only an editor can open it: the gates visit it signed in. */
  editor?: boolean;
  /** The status the page is meant to answer with (200 unless said). */
  status?: number;
  /** A reader page: its JavaScript counts against the reader budget. */
  reader?: boolean;
  /**
   * A page partners frame (handle.embeddable): no scripts, so nothing hydrates, and no site header,
   * so no skip link to check.
   */
  embed?: boolean;
  /** In the browser, after opening the page: what the editor does to reach this state, and the status it answers. */
  reach?: { status: number; run: (page: Page) => Promise<void> };
}

export const PAGE_KINDS: PageKind[] = [
  { name: 'home', path: '/', reader: true },
  { name: 'claims index (filtered)', path: '/claims?verdict=unproven', reader: true },
  { name: 'claim', path: '/claims/andy-purdy-denies-backdoor-access', reader: true },
  { name: 'claim embed', path: '/claims/andy-purdy-denies-backdoor-access/embed', reader: true, embed: true },
  { name: 'person', path: '/people/andy-purdy', reader: true },
  { name: 'organisation', path: '/organisations/huawei-technologies', reader: true },
  { name: 'source', path: '/sources/foxbiz-purdy-denial', reader: true },
  // Seeded by seedCapture below (content/ has no captures): the first capture, the first citation's
  // quote marked. The citation's id is known once the server is seeded, hence a getter (a test's
  // name, made before that, shows cite=0; the page visited has the real id).
  {
    name: 'source capture',
    get path() {
      return `/sources/${CAPTURED_SOURCE}/captures/1?cite=${CAPTURED_CITATION}`;
    },
    reader: true,
  },
  { name: 'case', path: '/cases/us-v-huawei-edny', reader: true },
  { name: 'topic', path: '/topics/huawei', reader: true },
  { name: 'search with results', path: '/search?q=backdoor', reader: true },
  { name: 'search without results', path: '/search?q=zzzzqqq', reader: true },
  { name: 'corrections log', path: '/corrections', reader: true },
  { name: 'methodology', path: '/about/methodology', reader: true },
  { name: 'corrections policy', path: '/about/corrections-policy', reader: true },
  { name: 'who we are', path: '/about/who-we-are', reader: true },
  { name: 'contact us', path: '/about/contact', reader: true },
  { name: '404 page', path: '/no-such-page', status: 404, reader: true },
  { name: 'suggest a claim', path: '/suggest', reader: true },
  { name: 'tip thank-you', path: '/suggest/thanks', reader: true },
  { name: 'login', path: '/login' },
  { name: 'editor dashboard', path: '/editor', editor: true },
  {
    name: 'editor claim list (searched, filtered)',
    path: '/editor/claims?q=huawei&status=published&sort=date',
    editor: true,
  },
  { name: 'editor source list', path: '/editor/sources', editor: true },
  { name: 'new claim form', path: '/editor/claims/new', editor: true },
  { name: 'claim editor', path: '/editor/claims/1', editor: true },
  { name: 'claim history and diff', path: '/editor/claims/1/history?from=1&to=1', editor: true },
  { name: 'source editor', path: '/editor/sources/1', editor: true },
  { name: 'case editor', path: '/editor/cases/1', editor: true },
  { name: 'your account', path: '/editor/account', editor: true },
  { name: 'desk queues', path: '/editor/desk?queue=all', editor: true },
  { name: 'claim desk', path: '/editor/claims/1/desk', editor: true },
  { name: 'claim preview', path: '/editor/claims/1/preview', editor: true },
];

/**
 * The edit-conflict page (browser gates only: it is the answer to a form post). The editor's form
 * is made stale, as if someone else had saved since it was opened, then saved.
 */
export const CONFLICT: PageKind = {
  name: 'edit conflict',
  path: '/editor/sources/1',
  editor: true,
  reach: {
    status: 409,
    run: async (page) => {
      await waitForHydration(page);
      await page.fill('#field-title', 'A title typed while someone else saved');
      // Hydration (time-sliced) resets a hidden input's value, so the form is made stale and sent in
      // one task: no React work can run between the two.
      await page.locator('form:has(#field-title)').evaluate((form: HTMLFormElement) => {
        form.querySelector<HTMLInputElement>('input[name="version"]')!.value = '0';
        form.querySelector<HTMLButtonElement>('button[type="submit"]:not([name])')!.click();
      });
      await page.locator('#conflict-title').waitFor();
    },
  },
};

/**
 * Waits until React has hydrated the whole page, so the app (not the browser alone) handles clicks.
 * Remix hydrates in a transition, piece by piece; `<html>` is the last element React reaches.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => Object.keys(document.documentElement).some((k) => k.startsWith('__reactFiber')));
}

/** Every page kind a browser gate visits. */
export const BROWSER_PAGE_KINDS = [...PAGE_KINDS, CONFLICT];

/** The editor every quality gate signs in as (signIn(server, QUALITY_EDITOR) in test/fixtures.ts). */
export const QUALITY_EDITOR = {
  email: 'quality-editor@example.org',
  password: 'quality gates need a real editor',
  name: 'Quality Editor',
  role: 'editor',
} as const;

/**
 * Starts the built server and adds the quality editor to its database. The server is a newsroom
 * of one (REVIEW_RULE=off): the keyboard journey publishes by approving its own submission.
 */
export async function startQualityServer(): Promise<StartedServer> {
  const server = await startServer({ REVIEW_RULE: 'off' });
  try {
    await createEditor(server, QUALITY_EDITOR);
    seedCapture(server);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/**
 * A capture of CAPTURED_SOURCE whose text holds the quotes its citations make (the capture
 * viewer's page kind): test text in the temp database, never in content/.
 */
function seedCapture(server: StartedServer): void {
  const db = new Database(server.databasePath);
  try {
    const cited = db
      .prepare(
        `select ci.id, ci.quote from citations ci join sources s on s.id = ci.source_id
         where s.slug = ? and ci.quote is not null order by ci.id`,
      )
      .all(CAPTURED_SOURCE) as { id: number; quote: string }[];
    const text = ['A capture made for the quality gates.', ...cited.map((c) => `“${c.quote}”`)].join('\n\n');
    db.prepare(
      `insert into source_captures (id, source_id, requested_url, final_url, http_status, content_type, fetched_at,
       sha256, byte_length, title, text, outcome)
       select 1, id, url, url, 200, 'text/html', '2026-11-30T10:00:00.000Z', ?, ?, title, ?, 'ok' from sources where slug = ?`,
    ).run('0'.repeat(64), text.length, text, CAPTURED_SOURCE);
    CAPTURED_CITATION = cited[0].id;
  } finally {
    db.close();
  }
}

/** A browser context carrying the editor's session cookie (signing in once serves every context). */
export async function newContext(
  browser: Browser,
  server: StartedServer,
  cookie: string | null,
  viewport = { width: 1280, height: 900 },
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport });
  if (cookie) {
    await context.addCookies(
      cookie.split('; ').map((pair) => {
        const eq = pair.indexOf('=');
        return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url: server.url };
      }),
    );
  }
  return context;
}

/** Fetches a page kind as its reader would: signed in for editor pages. */
export function fetchPage(server: StartedServer, kind: PageKind, cookie: string, init: RequestInit = {}) {
  return fetch(server.url + kind.path, {
    ...init,
    redirect: 'manual',
    headers: { ...(kind.editor ? { Cookie: cookie } : {}), ...(init.headers as Record<string, string>) },
  });
}
