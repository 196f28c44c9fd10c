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
