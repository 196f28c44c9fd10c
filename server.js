/* global performance, Headers, AbortController, Request */
// The production server: security headers with a per-request CSP nonce, compression,
// long-lived caching for fingerprinted assets, and the Remix request handler.
import crypto from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequestHandler as createRemixHandler, writeReadableStreamToWritable } from '@remix-run/node';
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
  canonicalHost,
  checkRequestOrigin,
  isValidHost,
  readFormRequest,
  refusePath,
  requestState,
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
// X-Request-Id). Stack traces are printed only for real server errors, below.
app.use((req, res, next) => {
  const started = performance.now();
  const given = req.get('x-request-id');
  const id = given && /^[\w.-]{1,64}$/.test(given) ? given : crypto.randomUUID().slice(0, 12);
  res.locals.requestId = id;
  res.setHeader('X-Request-Id', id);
  res.on('finish', () => {
    console.log(
      JSON.stringify({
        at: new Date().toISOString(),
        id,
        method: req.method,
        path: req.path.slice(0, 300),
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
      }),
    );
  });
  next();
});

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

// Security headers on every response, static files included.
app.use((req, res, next) => {
  const nonce = crypto.randomBytes(16).toString('base64');
  res.locals.cspNonce = nonce;
  res.setHeader(
    'Content-Security-Policy',
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "font-src 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "object-src 'none'",
    ].join('; '),
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
  res.setHeader('X-Frame-Options', 'DENY');
  if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
  next();
});

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

app.use(compression());
app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y', index: false, fallthrough: true }));
app.use(express.static('public', { maxAge: '1h', index: false }));

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

async function sendResponse(res, response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

// The Remix handler, given a Request we built: its URL from a trusted host, and its body read
// here as a form within size and time limits (app/http/request-guards.server.ts).
app.all('*', async (req, res, next) => {
  try {
    const forwardedHost = trustProxy(req.socket.remoteAddress, 0) ? req.get('x-forwarded-host') : undefined;
    const requested = forwardedHost?.split(',')[0].trim() || req.get('host');
    const host = config.SITE_URL ? requested || hosts[0] : canonicalHost(requested, hosts);
    const url = new URL(`${req.protocol}://${isValidHost(host) ? host : hosts[0]}${req.originalUrl}`);
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
    const request = new Request(url.href, { method: req.method, headers, body, signal: controller.signal });
    // req.ip honours X-Forwarded-For only from the trusted (loopback) proxy: sign-in limits per address.
    const state = { storageProblem: null };
    const response = await requestState.run(state, () =>
      handleRemix(request, { cspNonce: res.locals.cspNonce, clientIp: req.ip, requestId: res.locals.requestId }),
    );
    // A save that failed on a full disk or a read-only database: say so, with 503 (Retry-After).
    if (state.storageProblem && response.status >= 500) {
      await response.body?.cancel();
      res.setHeader('Retry-After', '60');
      return refuse(res, { status: 503, message: storageMessage(state.storageProblem) });
    }
    await sendResponse(res, response);
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

const server = app.listen(config.PORT, () => {
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
