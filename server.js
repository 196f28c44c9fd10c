/* global performance, Headers, AbortController, Request */
// The production server (one process; `npm start` runs one per core through cluster.js): security
// headers, readers' pages answered from the page cache before Express sees them, long-lived caching
// for fingerprinted assets, and the Remix request handler, whose answers are read whole and sent
// with their CSP hashes, ETag and caching headers (app/http/page-cache.server.ts).
import crypto from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequestHandler as createRemixHandler } from '@remix-run/node';
import compression from 'compression';
import express from 'express';
import { loadEnvironment, printDatabase } from './config/env.js';

// Settings first (`.env`, then validated; a bad one ends the process with a line naming it), and
// NODE_ENV in place before the build loads: React picks its production code as it is imported.
const config = loadEnvironment();
process.env.NODE_ENV = config.NODE_ENV;
printDatabase();

const buildPath = path.resolve(process.cwd(), 'build/index.js');
const build = await import(pathToFileURL(buildPath).href);

try {
  await build.entry.module.prepareDatabase();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

const {
  allowedHosts,
  bodyLimitFor,
  cachedPage,
  canonicalHost,
  checkRequestOrigin,
  contentGeneration,
  contentSecurityPolicy,
  hasSessionCookie,
  isAnonymousRead,
  isValidHost,
  keepPage,
  makePage,
  purgeKeys,
  purgeSharedCache,
  readFormRequest,
  refusePath,
  requestState,
  sendPage,
  storageMessage,
} = build.entry.module;
const handleRemix = createRemixHandler(build, config.NODE_ENV);
// Absolute URLs (feeds, sitemap, API, meta) name SITE_URL when set; otherwise only a host this
// server answers on (or one in ALLOWED_HOSTS), never whatever Host a request carried.
// Set once the server listens (PORT may be 0: any free port).
let hosts = [];

const app = express();
app.disable('x-powered-by');
app.set('trust proxy', 'loopback');

// One line per request, as JSON: method, path, status, time, request id (also sent back as
// X-Request-Id). Stack traces are printed only for real server errors, below. Then the security
// headers every response carries, static files and refusals included (a page replaces the CSP with
// one naming its inline scripts' hashes).
const BASE_POLICY = contentSecurityPolicy();
/** Proxies in front (Varnish, nginx) on this machine are trusted with X-Forwarded-*, as Express is told. */
const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;
function startRequest(req, res) {
  const started = performance.now();
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : crypto.randomUUID().slice(0, 12);
  res.locals = { requestId: id };
  res.setHeader('X-Request-Id', id);
  res.on('finish', () => {
    const pathname = (req.url ?? '').split('?')[0];
    console.log(
      JSON.stringify({
        at: new Date().toISOString(),
        pid: process.pid,
        id,
        method: req.method,
        path: pathname.slice(0, 300),
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
      }),
    );
  });
  res.setHeader('Content-Security-Policy', BASE_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
  res.setHeader('X-Frame-Options', 'DENY');
  const trusted = LOOPBACK.test(req.socket.remoteAddress ?? '');
  const proto = trusted ? req.headers['x-forwarded-proto'] : undefined;
  if (req.socket.encrypted || (typeof proto === 'string' && proto.split(',')[0].trim() === 'https'))
    res.setHeader('Strict-Transport-Security', 'max-age=31536000');
}

const escapeHtml = (text) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

// A refusal is a short page for a browser (a sentence, and the way back) and plain text for
// anything else; never a stack trace.
const refuse = (res, { status, message }) => {
  res.status(status);
  if (!res.req.accepts(['text/plain', 'text/html']) || res.req.accepts(['text/plain', 'text/html']) === 'text/plain')
    return res.type('text/plain').send(`${message}\n`);
  const back =
    res.req.method === 'GET'
      ? '<a href="/">Go to the home page</a>'
      : 'Your browser’s Back button returns to the form with what you typed.';
  res
    .type('text/html')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${status}: ${escapeHtml(message)}</title><link rel="stylesheet" href="/refusal.css"></head><body><main><h1>${escapeHtml(message)}</h1><p>${back}</p></main></body></html>`,
    );
};

// Before anything reads the address: one no page can have, or a Host that is not a host, is a
// 4xx here rather than an exception deeper in.
app.use((req, res, next) => {
  const refusal = refusePath(req.path);
  if (refusal) return refuse(res, refusal);
  const host = req.get('host');
  if (host !== undefined && host !== '' && !isValidHost(host))
    return refuse(res, { status: 400, message: 'Bad request: the Host header is not a host name.' });
  next();
});

// Static files are compressed here; Remix's answers are compressed (once, when kept) by sendPage.
app.use(compression({ filter: (req, res) => !res.locals.remix && compression.filter(req, res) }));
app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y', index: false, fallthrough: true }));
// Files in public/ all have an extension; a page's address (a slug) never does, so it is not
// looked for on disk first.
const publicFiles = express.static('public', { maxAge: '1h', index: false });
app.use((req, res, next) => (/\.[a-z0-9]+$/i.test(req.path) ? publicFiles(req, res, next) : next()));

// Cross-site request forgery: anything but GET/HEAD/OPTIONS must come from a page of this site,
// with the same scheme, host and port. The rule itself is app/auth/origin.server.ts (tested
// there); the Host is the one the browser used, which a trusted proxy (loopback) may pass on in
// X-Forwarded-Host (and the scheme in X-Forwarded-Proto).
const trustProxy = app.get('trust proxy fn');
app.use((req, res, next) => {
  const forwardedHost = trustProxy(req.socket.remoteAddress, 0) ? req.get('x-forwarded-host') : undefined;
  const verdict = checkRequestOrigin({
    method: req.method,
    origin: req.get('origin'),
    referer: req.get('referer'),
    host: forwardedHost?.split(',')[0].trim() || req.get('host'),
    protocol: req.protocol,
  });
  if (verdict.ok) return next();
  res.status(403).type('text/plain').send(verdict.message);
});

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);

function remixHeaders(incoming) {
  const headers = new Headers();
  for (const [key, value] of Object.entries(incoming)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value !== undefined) headers.set(key, value);
  }
  return headers;
}

/**
 * The address a request is for, as the page will name it: its host from a trusted proxy
 * (loopback: Varnish, nginx) or the request, limited to the hosts this site answers on; the page
 * cache keys on it too, so a page drawn for one host is never served for another.
 */
function requestHref(req) {
  const trusted = LOOPBACK.test(req.socket.remoteAddress ?? '');
  const forwardedHost = trusted ? req.headers['x-forwarded-host'] : undefined;
  const requested = (typeof forwardedHost === 'string' && forwardedHost.split(',')[0].trim()) || req.headers.host;
  const host = config.SITE_URL ? requested || hosts[0] : canonicalHost(requested, hosts);
  const forwardedProto = trusted ? req.headers['x-forwarded-proto'] : undefined;
  const protocol =
    typeof forwardedProto === 'string' && forwardedProto
      ? forwardedProto.split(',')[0].trim()
      : req.socket.encrypted
        ? 'https'
        : 'http';
  return new URL(`${protocol}://${isValidHost(host) ? host : hosts[0]}${req.url}`).href;
}

// The Remix handler, given a Request we built: its URL from a trusted host, and its body read
// here as a form within size and time limits (app/http/request-guards.server.ts).
app.all('*', async (req, res, next) => {
  try {
    res.locals.remix = true;
    const url = requestHref(req);
    const headers = remixHeaders(req.headers);
    let body;
    if (!BODYLESS.has(req.method)) {
      const read = await readFormRequest(req, bodyLimitFor(req.path));
      if (!read.ok) {
        res.setHeader('Connection', 'close');
        return refuse(res, read.refusal);
      }
      body = read.body;
      headers.set('content-type', read.contentType);
      headers.set('content-length', String(Buffer.byteLength(body)));
      headers.delete('transfer-encoding');
    }
    let controller = new AbortController();
    res.on('finish', () => (controller = null));
    res.on('close', () => controller?.abort());
    const request = new Request(url, { method: req.method, headers, body, signal: controller.signal });
    // Read before rendering: a change made meanwhile leaves the page kept under the older
    // generation, so it is never served after the change.
    const generation = contentGeneration();
    // req.ip honours X-Forwarded-For only from the trusted (loopback) proxy: sign-in limits per address.
    const state = { storageProblem: null };
    const scriptMark = crypto.randomBytes(16).toString('base64');
    const response = await requestState.run(state, () =>
      handleRemix(request, { cspNonce: scriptMark, clientIp: req.ip, requestId: res.locals.requestId }),
    );
    // A save that failed on a full disk or a read-only database: say so, with 503 (Retry-After).
    if (state.storageProblem && response.status >= 500) {
      await response.body?.cancel();
      res.setHeader('Retry-After', '60');
      return refuse(res, { status: 503, message: storageMessage(state.storageProblem) });
    }
    const input = {
      response,
      body: Buffer.from(await response.arrayBuffer()),
      method: req.method,
      anonymous: !hasSessionCookie(req.headers.cookie),
      state,
      scriptMark,
    };
    const page = makePage(input);
    if (!BODYLESS.has(req.method)) {
      // What the request changed (each save names its entries), or, if the database moved without
      // saying what, everything: a shared cache never keeps a page this request made stale.
      const changed = state.changedRefs ?? new Set();
      if (changed.size === 0 && contentGeneration() !== generation) changed.add('*');
      if (changed.size > 0) await purgeSharedCache(purgeKeys(changed));
    }
    const kept = keepPage(url, page, generation, input);
    sendPage(req, res, page, kept ? 'miss' : undefined);
  } catch (error) {
    next(error);
  }
});

// Never a stack trace to the client: anything that escapes Remix gets a plain answer, and only a
// real server error is logged with its stack.
app.use((error, req, res, _next) => {
  const status = error?.status && error.status >= 400 && error.status < 500 ? error.status : 500;
  if (status >= 500) console.error(`[${res.locals.requestId}]`, error);
  if (res.headersSent) return res.end();
  res
    .status(status)
    .type('text/plain')
    .send(status === 400 ? 'Bad request: the address could not be read.' : 'Something went wrong on our side.');
});

// Every request: an id and a log line, the security headers; then a reader's page from the page
// cache if it holds one for this address at the current content generation, else Express.
const server = http.createServer((req, res) => {
  startRequest(req, res);
  if (isAnonymousRead(req.method, req.headers.cookie) && hosts.length > 0) {
    const host = req.headers.host;
    if (host === undefined || host === '' || isValidHost(host)) {
      let href = null;
      try {
        href = requestHref(req);
      } catch {
        // An address URL cannot read: Express refuses it with a sentence.
      }
      const page = href && cachedPage(href);
      if (page) return sendPage(req, res, page, 'hit');
    }
  }
  app(req, res);
});
server.listen(config.PORT, () => {
  hosts = allowedHosts(server.address().port, config.ALLOWED_HOSTS);
  console.log(`Claims tracker listening on http://localhost:${server.address().port}`);
});
// Keep idle connections longer than the clients and proxies in front of us do (Node's default is
// 5 s; load balancers commonly keep 60 s), so a client never reuses a socket we are closing: that
// race answers "socket closed" instead of a page. Headers must still arrive within the limit.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
// A backstop for the whole request (headers and body); bodies themselves get BODY_TIMEOUT_MS.
server.requestTimeout = 60_000;

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
