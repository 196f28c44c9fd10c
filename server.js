// The production server: security headers with a per-request CSP nonce, compression,
// long-lived caching for fingerprinted assets, and the Remix request handler.
import crypto from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequestHandler } from '@remix-run/express';
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

const app = express();
app.disable('x-powered-by');
app.set('trust proxy', 'loopback');
app.use(compression());

app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y', index: false, fallthrough: true }));
app.use(express.static('public', { maxAge: '1h', index: false }));

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

// Cross-site request forgery: anything but GET/HEAD/OPTIONS must come from a page of this site.
// The rule itself is app/auth/origin.server.ts (tested there); the Host is the one the browser
// used, which a trusted proxy (loopback) may pass on in X-Forwarded-Host.
const { checkRequestOrigin } = build.entry.module;
const trustProxy = app.get('trust proxy fn');
app.use((req, res, next) => {
  const forwardedHost = trustProxy(req.socket.remoteAddress, 0) ? req.get('x-forwarded-host') : undefined;
  const verdict = checkRequestOrigin({
    method: req.method,
    origin: req.get('origin'),
    referer: req.get('referer'),
    host: forwardedHost?.split(',')[0].trim() || req.get('host'),
  });
  if (verdict.ok) return next();
  res.status(403).type('text/plain').send(verdict.message);
});

app.all(
  '*',
  createRequestHandler({
    build,
    mode: config.NODE_ENV,
    // req.ip honours X-Forwarded-For only from the trusted (loopback) proxy: sign-in limits per address.
    getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce, clientIp: req.ip }),
  }),
);

// Never a stack trace: anything that escapes Remix (a malformed URL, say) gets a plain answer.
app.use((error, _req, res, _next) => {
  const status = error?.status && error.status >= 400 && error.status < 500 ? error.status : 500;
  if (status >= 500) console.error(error);
  res
    .status(status)
    .type('text/plain')
    .send(status === 400 ? 'Bad request: the address could not be read.' : 'Something went wrong on our side.');
});

const server = app.listen(config.PORT, () => {
  console.log(`Claims tracker listening on http://localhost:${server.address().port}`);
});
// Keep idle connections longer than the clients and proxies in front of us do (Node's default is
// 5 s; load balancers commonly keep 60 s), so a client never reuses a socket we are closing: that
// race answers "socket closed" instead of a page. Headers must still arrive within the limit.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
