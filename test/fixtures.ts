/**
 * What the HTTP, browser and quality tests share against a started server (scripts/lib/server.ts):
 * an editor made with the real command line, signing in as a browser's form post would, and the
 * source form as a browser posts it.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import type { StartedServer } from '../scripts/lib/server';

export interface Credentials {
  email: string;
  password: string;
}

export interface Editor extends Credentials {
  name: string;
  role: 'editor' | 'admin';
}

export const EDITOR_PASSWORD = 'a long editor passphrase';

/**
 * Adds an account to the server's database through `npm run users -- add` (scripts/users.ts),
 * with the password on standard input, and returns what to sign in with. Unless told otherwise
 * the email is unique, so tests (and test files) never share an account by accident.
 */
export function createEditor(
  server: Pick<StartedServer, 'databasePath'>,
  options: Partial<Editor> = {},
): Promise<Editor> {
  const editor: Editor = {
    email: options.email ?? `editor-${crypto.randomUUID().slice(0, 8)}@example.org`,
    name: options.name ?? 'Test Editor',
    role: options.role ?? 'editor',
    password: options.password ?? EDITOR_PASSWORD,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/users.ts',
        'add',
        '--email',
        editor.email,
        '--name',
        editor.name,
        '--role',
        editor.role,
      ],
      {
        // The server's database, and no developer's .env.
        env: { ...process.env, ENV_FILE: '/dev/null', DATABASE_PATH: server.databasePath },
        stdio: ['pipe', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(editor) : reject(new Error(`users add ${editor.email} failed (${code}): ${stderr}`)),
    );
    child.stdin.end(`${editor.password}\n`);
  });
}

export interface SignInOptions {
  /** Sent as X-Forwarded-For (honoured from loopback), so per-address sign-in limits stay per test. */
  ip?: string;
  redirectTo?: string;
}

/** Signs in with a form post to /login and returns the session cookie (`__session=...`) to send back. */
export async function signIn(
  server: Pick<StartedServer, 'url'>,
  credentials: Credentials,
  options: SignInOptions = {},
): Promise<string> {
  const fields: Record<string, string> = { email: credentials.email, password: credentials.password };
  if (options.redirectTo) fields.redirectTo = options.redirectTo;
  const headers: Record<string, string> = { Origin: server.url };
  if (options.ip) headers['X-Forwarded-For'] = options.ip;
  const response = await fetch(`${server.url}/login`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers,
    redirect: 'manual',
  });
  const match = /(__session=[^;]*)/.exec(response.headers.get('set-cookie') ?? '');
  if (response.status !== 302 || !match) {
    throw new Error(`signing in as ${credentials.email} answered ${response.status} without a session cookie`);
  }
  return match[1];
}

/** The source editor's form fields, as a browser would post them (a new source unless `version` is given). */
export const sourceFormFields = (over: Record<string, string> = {}): Record<string, string> => ({
  intent: 'save',
  title: 'A source typed by an editor',
  slug: '',
  kind: 'news_report',
  // A reference field: the chosen id, and its Combobox's text (typed, or the chosen title).
  publisherId: '',
  publisherId__text: '',
  authors: '',
  url: 'https://example.org/a',
  publishedOn: '2020-03-02',
  accessedOn: '',
  archiveUrl: '',
  note: '',
  summary: '',
  ...over,
});

/**
 * The claim editor's form fields, as a browser posts them (a new claim unless `version` is
 * given). The speaker is a reference field: `speakerId` carries the chosen id and
 * `speakerId__text` the text of its Combobox (the chosen title, or a name typed to be looked up).
 */
export const claimFormFields = (over: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
  intent: 'save',
  statement: 'A claim typed by an editor',
  statementKind: 'quote',
  slug: '',
  speakerId: '',
  speakerId__text: '',
  claimedOn: '2020-03-03',
  venue: '',
  medium: '',
  verdictId: 'unproven',
  verdictExplanation: '',
  analysis: '',
  topics__text: '',
  subjects__text: '',
  language: 'en',
  editSummary: '',
  ...over,
});

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#x27': "'",
  '#39': "'",
  nbsp: '\u00a0',
};
const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|#x27|#39|nbsp);/g, (_, name: string) => ENTITIES[name]);
const attribute = (attributes: string, name: string) =>
  new RegExp(`\\s${name}(?:="([^"]*)")?(?=[\\s/>]|$)`).exec(attributes);

/**
 * What a browser without JavaScript sends from the editing page's form (`form.entry-page`), with
 * no button pressed: every named input, checked box, textarea and chosen option, as the server
 * rendered them. Tests override what an editor would type, then add the button's `intent`.
 */
export function pageFormFields(html: string): [string, string][] {
  const start = html.indexOf('class="entry-form entry-page"');
  if (start === -1) throw new Error('the page has no editing form');
  const form = html.slice(start, html.indexOf('</form>', start));
  const fields: { at: number; name: string; value: string }[] = [];
  for (const m of form.matchAll(/<input\b([^>]*)>/g)) {
    const name = attribute(m[1], 'name')?.[1];
    const type = attribute(m[1], 'type')?.[1] ?? 'text';
    if (!name || ['submit', 'button', 'image', 'reset'].includes(type)) continue;
    if ((type === 'checkbox' || type === 'radio') && !attribute(m[1], 'checked')) continue;
    fields.push({
      at: m.index,
      name,
      value: decode(attribute(m[1], 'value')?.[1] ?? (type === 'checkbox' ? 'on' : '')),
    });
  }
  for (const m of form.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const name = attribute(m[1], 'name')?.[1];
    if (name) fields.push({ at: m.index, name, value: decode(m[2]) });
  }
  for (const m of form.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const name = attribute(m[1], 'name')?.[1];
    const options = [...m[2].matchAll(/<option\b([^>]*)>/g)];
    const chosen = options.find((o) => attribute(o[1], 'selected')) ?? options[0];
    if (name && chosen) fields.push({ at: m.index, name, value: decode(attribute(chosen[1], 'value')?.[1] ?? '') });
  }
  return fields.sort((a, b) => a.at - b.at).map((f) => [f.name, f.value]);
}

/** The page's form as a browser sends it, with `over` replacing (or adding) single fields. */
export function pageFormBody(html: string, over: Record<string, string> = {}): URLSearchParams {
  const body = new URLSearchParams();
  for (const [name, value] of pageFormFields(html)) if (!(name in over)) body.append(name, value);
  for (const [name, value] of Object.entries(over)) body.append(name, value);
  return body;
}
