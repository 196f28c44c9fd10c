/**
 * The CSP that survives caching (app/http/csp.server.ts): only inline scripts carrying this
 * render's mark are allowed, by the hash of their text, and the mark never reaches the page.
 */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { allowMarkedScripts, contentSecurityPolicy } from '~/http/csp.server';

const sha = (text: string) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('allowMarkedScripts', () => {
  const mark = 'bWFyay1mb3ItdGhpcy1yZW5kZXI=';
  const page = [
    `<script nonce="${mark}">window.__remixContext = {"a":1};</script>`,
    `<script type="module" async="" nonce="${mark}">import "/build/x.js";</script>`,
    `<script type="application/ld+json" nonce="${mark}">{"@type":"ClaimReview"}</script>`,
    `<script nonce="${mark}" src="/build/entry.js"></script>`,
    '<p>A stored statement that got through as markup: <script>alert(1)</script></p>',
    `<script nonce="someone-elses-mark">steal()</script>`,
  ].join('\n');

  it('hashes exactly the marked, runnable inline scripts', () => {
    const { hashes } = allowMarkedScripts(page, mark);
    expect(hashes.sort()).toEqual([sha('window.__remixContext = {"a":1};'), sha('import "/build/x.js";')].sort());
    expect(hashes).not.toContain(sha('alert(1)'));
    expect(hashes).not.toContain(sha('steal()'));
  });

  it('takes the mark off and leaves everything else byte for byte', () => {
    const { html } = allowMarkedScripts(page, mark);
    expect(html).not.toContain(mark);
    expect(html).toContain('<script>window.__remixContext = {"a":1};</script>');
    expect(html).toContain('<script type="module" async="">import "/build/x.js";</script>');
    expect(html).toContain('<script>alert(1)</script>');
    expect(html).toContain('<script nonce="someone-elses-mark">steal()</script>');
  });

  it('allows nothing without a mark', () => {
    expect(allowMarkedScripts(page, '')).toEqual({ html: page, hashes: [] });
  });
});

describe('contentSecurityPolicy', () => {
  it('names the hashes, forbids framing except for embeddable pages, never unsafe-inline', () => {
    const policy = contentSecurityPolicy({ scriptHashes: ["'sha256-abc='"] });
    expect(policy).toContain("script-src 'self' 'sha256-abc='");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicy({ embeddable: true })).toContain('frame-ancestors *');
    expect(policy).not.toMatch(/unsafe-inline|nonce-/);
  });
});
