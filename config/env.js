/**
 * The one reader of the environment. Every setting the server, the scripts and the tests read is
 * declared here once, with its default and what it means (the README's Environment table lists
 * the same), and validated with zod.
 *
 * Plain JavaScript on purpose: `server.js` runs under plain `node` and must read `.env` before it
 * imports the build (React picks its production or development code from NODE_ENV as it loads),
 * while `db/client.ts`, the app (bundled by Remix) and the scripts (run by tsx) import it too.
 *
 * - `loadEnvironment()` is what every command calls first: it reads `.env` from the working
 *   directory (real environment variables win), validates, and on a bad value prints one line per
 *   problem, naming the variable, and exits 1. Never a stack trace.
 * - `env()` is what code calls at use. It re-validates only when a declared variable changed (a
 *   string comparison of a dozen values), so a test that sets DATABASE_PATH or SEARCH_INLINE_LIMIT
 *   for itself is seen at once and nothing needs resetting.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';

/** @param {string} expected @param {(value: string) => boolean} ok */
const matching = (expected, ok) => z.string().refine(ok, { message: `expected ${expected}` });
const wholeNumber = (/** @type {number} */ min, /** @type {number} */ max, /** @type {string} */ expected) =>
  matching(expected, (v) => /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max).transform(Number);
const filePath = z.string();
/** Set means on, as shells and CI systems use it (`CI=true`, `CI=1`); `0`, `false` and `no` mean off. */
const flag = z.string().transform((v) => !/^(0|false|no)$/i.test(v));

/** `uses/seconds`, like 5/600: at least 1 use, a window of 1 second to 1 day. */
const rateLimit = (/** @type {string} */ uses, /** @type {string} */ fallback) =>
  matching(`${uses}/seconds, like ${fallback} (at least 1, a window of 1 second to 1 day)`, (v) => {
    const m = /^(\d+)\/(\d+)$/.exec(v);
    return m !== null && Number(m[1]) >= 1 && Number(m[2]) >= 1 && Number(m[2]) <= 86_400;
  })
    .transform((v) => {
      const [max, windowSeconds] = v.split('/').map(Number);
      return { max, windowSeconds };
    })
    .default(fallback);

/**
 * Each variable: its schema (with its default) and, for the README and `.env.example`, its
 * meaning; `secret` ones are never echoed in a message.
 */
export const VARIABLES = {
  NODE_ENV: {
    schema: z
      .enum(['production', 'development', 'test'], {
        errorMap: () => ({ message: 'expected production, development or test' }),
      })
      .default('production'),
    meaning: '`production` unless `remix dev` or vitest set it; only production sends Secure cookies',
  },
  PORT: {
    schema: wholeNumber(0, 65535, 'a port number 0-65535').default('3000'),
    meaning: 'HTTP port the server listens on (0: any free port)',
  },
  DATABASE_PATH: {
    schema: filePath.default('data/tracker.db'),
    meaning: 'the SQLite file, relative to the working directory (created and migrated at start)',
  },
  MIGRATIONS_PATH: {
    schema: filePath.default('db/migrations'),
    meaning: 'the folder of SQL migrations applied at start',
  },
  SESSION_SECRET: {
    schema: matching('secrets of at least 16 characters, separated by commas', (v) =>
      v.split(',').every((secret) => secret.trim().length >= 16),
    ).optional(),
    secret: true,
    meaning:
      'signs session cookies; several, comma-separated, rotate (the first signs). Unset: one is generated once and kept in `.session-secret` beside the database',
  },
  WEB_CONCURRENCY: {
    schema: wholeNumber(1, 1024, 'a whole number of processes, at least 1').optional(),
    meaning:
      'server processes `npm start` runs, sharing one port and the one database file (unset: one per core, `os.availableParallelism()`)',
  },
  SEARCH_INDEX_PATH: {
    schema: filePath.optional(),
    meaning: 'where the saved search index lives (default: `search-index/` beside the database)',
  },
  SEARCH_INLINE_LIMIT: {
    schema: wholeNumber(0, Number.MAX_SAFE_INTEGER, 'a whole number of documents').default('3000'),
    meaning: 'up to this many documents a full search rebuild runs inline; above it, in a worker thread',
  },
  SITEMAP_URL_LIMIT: {
    schema: wholeNumber(1, 50_000, 'a whole number 1-50000').default('50000'),
    meaning: 'URLs per sitemap file before it is split under a sitemap index (the protocol allows 50,000)',
  },
  CONTENT_PATH: {
    schema: filePath.default('content'),
    meaning: 'the folder `content:import` (and the first start, into an empty database) reads',
  },
  SITE_URL: {
    schema: matching('an http:// or https:// address', (v) => /^https?:\/\/[^/\s]+/i.test(v) && URL.canParse(v))
      .transform((v) => v.replace(/\/+$/, ''))
      .optional(),
    meaning:
      'the public address for canonical URLs, feeds, sitemaps and JSON-LD (unset: the address requested, if it is one this server answers on or in ALLOWED_HOSTS)',
  },
  ALLOWED_HOSTS: {
    schema: matching(
      'host names with optional ports, separated by commas, like claims.example.org,localhost:8080',
      (v) => v.split(',').every((h) => /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i.test(h.trim())),
    )
      .transform((v) => v.split(',').map((h) => h.trim().toLowerCase()))
      .optional()
      .transform((v) => v ?? []),
    meaning:
      'without SITE_URL, further hosts (besides the ones the server listens on) that absolute URLs may name when a request asks for them',
  },
  PUBLISHER_NAME: {
    schema: z.string().default('Claims & Rebuttals'),
    meaning: 'the publisher named in ClaimReview JSON-LD and the feeds',
  },
  TIP_RATE_LIMIT: {
    schema: rateLimit('tips', '5/600'),
    meaning: 'reader tips (`/suggest`) one address may send per window, as tips/seconds: `5/600` is 5 per 10 minutes',
  },
  SEARCH_RATE_LIMIT: {
    schema: rateLimit('searches', '60/60'),
    meaning:
      'searches (`/search`, `/api/search`) one address may run per window, as searches/seconds: `60/60` is 60 a minute',
  },
  READ_ONLY: {
    schema: flag.optional().transform((v) => v ?? false),
    meaning:
      'serve readers only (say, during maintenance): editors are told the site is read-only and nothing can be saved. Chosen automatically when the database cannot be written',
  },
  READY_MIN_FREE_MB: {
    schema: wholeNumber(0, 1_000_000, 'a whole number of megabytes').default('100'),
    meaning: '`/readyz` answers 503 when the disk holding the database has less free space than this',
  },
  DATABASE_MAX_PAGES: {
    schema: wholeNumber(0, 2_147_483_647, 'a whole number of pages (0: no cap)').default('0'),
    meaning:
      'caps the database at this many pages (SQLite `max_page_count`); 0, the default, sets no cap. For trying out what a full disk does',
  },
  TIP_EMAIL_RETENTION_DAYS: {
    schema: wholeNumber(1, 3650, 'a whole number of days 1-3650').default('90'),
    meaning: 'days a tipster’s e-mail address is kept; older ones are erased at start and whenever a tip arrives',
  },
  WORKER_HEAP_MB: {
    schema: wholeNumber(0, 1_048_576, 'a whole number of megabytes (0: V8 decides)').default('0'),
    meaning:
      'with several processes, a cap on the JavaScript heap of each (0, the default, leaves it to V8): for a machine short of memory, at the cost of more collecting (see Deployment)',
  },
  PAGE_CACHE_MB: {
    schema: wholeNumber(0, 65_536, 'a whole number of megabytes (0: off)').default('32'),
    meaning:
      'memory each server process may give to rendered public pages kept for readers (0 turns the page cache off); a saved change is seen at once, whichever process made it',
  },
  CACHE_MAX_AGE: {
    schema: wholeNumber(0, 31_536_000, 'a whole number of seconds').default('60'),
    meaning: 'seconds a reader’s browser may reuse a public page before asking again (`max-age`)',
  },
  CACHE_S_MAXAGE: {
    schema: wholeNumber(0, 31_536_000, 'a whole number of seconds').default('300'),
    meaning:
      'seconds a shared cache or CDN may serve a public page without asking (`s-maxage`); with PURGE_URL set, changed pages are purged at once',
  },
  CACHE_STALE: {
    schema: wholeNumber(0, 31_536_000, 'a whole number of seconds').default('60'),
    meaning: 'seconds past that a cache may serve the old copy while it fetches a new one (`stale-while-revalidate`)',
  },
  PURGE_URL: {
    schema: matching('an http:// or https:// address', (v) => /^https?:\/\//i.test(v) && URL.canParse(v)).optional(),
    meaning:
      'a shared cache to tell when content changes: after each change the server sends `PURGE` there with a `Surrogate-Key` header naming what changed (see Deployment)',
  },
  REVIEW_RULE: {
    schema: z
      .enum(['two-editors', 'off'], { errorMap: () => ({ message: 'expected two-editors or off' }) })
      .default('two-editors'),
    meaning:
      '`two-editors`: publishing a claim and every change to a public one waits for a second editor to approve it; `off` (a newsroom of one): an editor may approve their own change, and the claim page says it was not independently reviewed',
  },
  CAPTURES_PATH: {
    schema: filePath.optional(),
    meaning: 'where source captures (WARC files) are kept (default: `captures/` beside the database; never committed)',
  },
  CAPTURE_JOBS: {
    schema: flag.default('true'),
    meaning:
      'run the capture queue inside the server (`0`: only `npm run sources:capture` captures; the test server starts with it off unless a test turns it on)',
  },
  CAPTURE_PER_HOST: {
    schema: wholeNumber(1, 16, 'a whole number 1-16').default('2'),
    meaning: 'at most this many capture requests to one host at once (per process)',
  },
  CAPTURE_ALLOW_HOSTS: {
    schema: matching('host:port pairs separated by commas, like 127.0.0.1:8080', (v) =>
      v.split(',').every((h) => /^[a-z0-9.-]+:\d{1,5}$|^\[[0-9a-f:.]+\]:\d{1,5}$/i.test(h.trim())),
    )
      .transform((v) => v.split(',').map((h) => h.trim().toLowerCase()))
      .optional()
      .transform((v) => v ?? []),
    meaning:
      'for tests only: `host:port` pairs the capture fetcher may reach although their address is private (a local test server); never set in production',
  },
  ARCHIVE_ORG_ACCESS_KEY: {
    schema: z.string().optional(),
    secret: true,
    meaning:
      'with ARCHIVE_ORG_SECRET_KEY: also ask the Internet Archive’s Save Page Now for a copy of each captured source (keys from archive.org/account/s3.php). Unset: the local capture is the archived copy',
  },
  ARCHIVE_ORG_SECRET_KEY: {
    schema: z.string().optional(),
    secret: true,
    meaning: 'the secret half of that key pair',
  },
  SOURCE_CHECK_HOST_INTERVAL_MS: {
    schema: wholeNumber(0, 3_600_000, 'a whole number of milliseconds 0-3600000').default('5000'),
    meaning:
      'link checks (`npm run sources:check` and the schedule) send at most one request per host this often: `5000` is one every 5 seconds',
  },
  SOURCE_CHECK_HOSTS_AT_ONCE: {
    schema: wholeNumber(1, 64, 'a whole number 1-64').default('4'),
    meaning: 'how many hosts a link check works on at the same time (each still at its own polite rate)',
  },
  SOURCE_CHECK_TIMEOUT_MS: {
    schema: wholeNumber(100, 120_000, 'a whole number of milliseconds 100-120000').default('15000'),
    meaning: 'a link check gives up on an address that has not answered in full within this time (then: unreachable)',
  },
  SOURCE_CHECK_EVERY_HOURS: {
    schema: matching('a number of hours, like 24 or 0.5 (0: off)', (v) => /^\d+(\.\d+)?$/.test(v) && Number(v) <= 8760)
      .transform(Number)
      .default('0'),
    meaning:
      'the server checks every source’s address this often (one process, even when several run); `0`, the default, leaves it to `npm run sources:check`',
  },
  SOURCE_DEAD_AFTER_CHECKS: {
    schema: wholeNumber(1, 100, 'a whole number 1-100').default('2'),
    meaning: 'a source is listed as dead when this many checks in a row found it gone or unreachable',
  },
  CHROMIUM_PATH: {
    schema: filePath.default('/usr/bin/chromium'),
    meaning: 'the browser for browser tests, quality gates and `npm run screenshots`',
  },
  CI: {
    schema: flag.default('false'),
    meaning: 'under CI a missing Chromium or Java fails the browser and HTML gates instead of skipping them',
  },
  SCREENSHOT_EMAIL: {
    schema: z.string().optional(),
    meaning: '`npm run screenshots` signs in as this editor to capture the editor pages too',
  },
  SCREENSHOT_PASSWORD: {
    schema: z.string().optional(),
    secret: true,
    meaning: 'that editor’s password',
  },
  BENCH_SLOWEST: {
    schema: flag.default('false'),
    meaning: '`npm run bench:search` also lists its slowest queries',
  },
  ENV_FILE: {
    schema: filePath.default('.env'),
    meaning: 'the settings file read at start (tests point it at `/dev/null` so a developer’s `.env` cannot leak in)',
  },
};

const NAMES = /** @type {(keyof typeof VARIABLES)[]} */ (Object.keys(VARIABLES));

const schema = z.object(
  /** @type {{ [K in keyof typeof VARIABLES]: (typeof VARIABLES)[K]['schema'] }} */ (
    Object.fromEntries(NAMES.map((name) => [name, VARIABLES[name].schema]))
  ),
);

/** @typedef {z.infer<typeof schema>} Env */

/** A bad setting: one line per problem, e.g. `PORT: expected a port number 0-65535, got "abc"`. */
export class EnvError extends Error {
  /** @param {string[]} problems */
  constructor(problems) {
    super(problems.join('\n'));
    this.name = 'EnvError';
    this.problems = problems;
  }
}

/**
 * The names `loadEnvFile()` took from the file, so a message can say where a bad value came from.
 * @type {Map<string, string>}
 */
const fromFile = new Map();

/**
 * Validates the declared variables of `source`. Blank values count as unset (`PORT=` in `.env`).
 * @param {Record<string, string | undefined>} [source]
 * @returns {Env}
 */
export function readEnv(source = process.env) {
  /** @type {Record<string, string>} */
  const given = {};
  for (const name of NAMES) {
    const value = source[name];
    if (value !== undefined && value.trim() !== '') given[name] = value.trim();
  }
  const parsed = schema.safeParse(given);
  if (parsed.success) return parsed.data;
  throw new EnvError(
    parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      const where = fromFile.has(name) ? ` (set in ${fromFile.get(name)})` : '';
      // Never echo a secret into a log: say how long it was instead.
      const got = /** @type {{ secret?: boolean }} */ (VARIABLES[/** @type {keyof typeof VARIABLES} */ (name)]).secret
        ? `${given[name].length} characters`
        : JSON.stringify(given[name]);
      return `${name}: ${issue.message}, got ${got}${where}`;
    }),
  );
}

/** @type {{ key: string; env: Env } | undefined} */
let cached;

/**
 * The validated configuration, read at use: re-validated only when a declared variable changed.
 * @returns {Env}
 */
export function env() {
  const key = NAMES.map((name) => process.env[name] ?? '\u0000').join('\u0001');
  if (cached?.key !== key) cached = { key, env: readEnv(process.env) };
  return cached.env;
}

/** The database file every command opens, as an absolute path. */
export function databasePath() {
  return path.resolve(process.cwd(), env().DATABASE_PATH);
}

/**
 * Reads the settings file into `process.env` without overriding anything already set, so a real
 * environment variable always wins over `.env`. A missing `.env` is fine; a missing file that
 * ENV_FILE names is not.
 * @param {string} [cwd]
 */
export function loadEnvFile(cwd = process.cwd()) {
  const named = process.env.ENV_FILE?.trim();
  const file = path.resolve(cwd, named || '.env');
  if (!fs.existsSync(file)) {
    if (named) throw new EnvError([`ENV_FILE: no such file, got ${JSON.stringify(named)}`]);
    return;
  }
  for (const [name, value] of Object.entries(parseEnv(fs.readFileSync(file, 'utf8')))) {
    if (process.env[name] !== undefined) continue;
    process.env[name] = value;
    fromFile.set(name, path.relative(cwd, file) || file);
  }
}

/**
 * What every command does first: read `.env`, then validate. A bad setting ends the process with
 * one line per problem on standard error and exit code 1.
 * @returns {Env}
 */
export function loadEnvironment() {
  try {
    loadEnvFile();
    return env();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/** The line every command prints, so nobody wonders which database a command just used. */
export function printDatabase(file = databasePath()) {
  console.log(`Database: ${file}`);
}
