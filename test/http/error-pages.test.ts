/**
 * Error pages over real HTTP against the built server: a 403 or 404 inside the editor keeps the
 * editor's navigation and says why, and a form posted to an address that does not exist is
 * answered 404 (not 405). Run `npm run build` first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { createEditor, signIn } from '../fixtures';

let server: StartedServer;
let cookie = '';

/** What a reader sees: React's text separators and apostrophe escapes removed. */
const readable = (html: string) => html.replace(/<!-- -->/g, '').replace(/&#x27;|&#39;/g, "'");

beforeAll(async () => {
  server = await startServer();
  cookie = await signIn(server, await createEditor(server, { name: 'Ed Boundary', role: 'editor' }));
});

afterAll(async () => {
  await server?.stop();
});

const get = (pathname: string) => fetch(server.url + pathname, { headers: { Cookie: cookie }, redirect: 'manual' });

function expectNoInternals(html: string) {
  expect(html).not.toMatch(/\bat [\w.$<>]+ \(/);
  expect(html).not.toMatch(/(file:\/\/)?\/[\w./-]+\.(m?js|tsx?):\d+/);
  expect(html).not.toContain(process.cwd());
}

describe('errors inside the editor', () => {
  it('answers an editor on the admins’ users page with 403, the editor’s navigation and the reason', async () => {
    const response = await get('/editor/users');
    expect(response.status).toBe(403);
    const html = readable(await response.text());
    expect(html).toContain('<nav aria-label="Editors" class="editor-nav">');
    expect(html).toContain('href="/editor/claims">Claims</a>');
    expect(html).toContain('Signed in as Ed Boundary');
    expect(html).toContain('<h1>Not allowed</h1>');
    expect(html).toContain('Only admins can manage users.');
    expect(html).toMatch(/<title>Not allowed · [^<]+<\/title>/);
    // An editor is not shown the admins' link in the navigation.
    expect(html).not.toContain('href="/editor/users"');
    expectNoInternals(html);
  });

  it('answers a missing entry with 404 inside the editor, with its message and a way back', async () => {
    const response = await get('/editor/claims/999999');
    expect(response.status).toBe(404);
    const html = readable(await response.text());
    expect(html).toContain('<nav aria-label="Editors" class="editor-nav">');
    expect(html).toContain('<h1>Page not found</h1>');
    expect(html).toContain('There is no such entry.');
    expect(html).toContain('href="/editor">dashboard</a>');
    expect(html).toMatch(/<title>Page not found · [^<]+<\/title>/);
    expectNoInternals(html);
  });
});

describe('unknown addresses', () => {
  it('answers a form posted to an address that does not exist with 404', async () => {
    const response = await fetch(`${server.url}/no-such-page`, {
      method: 'POST',
      body: new URLSearchParams({ anything: 'at all' }),
      headers: { Origin: server.url },
      redirect: 'manual',
    });
    expect(response.status).toBe(404);
    const html = readable(await response.text());
    expect(html).toContain('<h1>Page not found</h1>');
    expect(html).toContain('There is nothing at this address.');
    expectNoInternals(html);
  });
});
