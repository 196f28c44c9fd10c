/**
 * Where the fuzz suite and `npm run bench:fuzz` send naughty strings: the pages whose forms are
 * submitted (anonymous and signed in), the public query parameters, and the forms never sent
 * (ones that would end the session or remove the entries the rest of the run uses).
 */
import type { FoundForm } from './fuzz';

export const PUBLIC_FORM_PAGES = ['/login', '/suggest', '/search', '/claims', '/sources'];

/** Editor pages; `:claim` and `:case` are replaced with a seeded entry's id. */
export const EDITOR_FORM_PAGES = [
  '/editor/claims/new',
  '/editor/sources/new',
  '/editor/people/new',
  '/editor/organisations/new',
  '/editor/cases/new',
  '/editor/topics/new',
  '/editor/claims/:claim',
  '/editor/cases/:case',
  '/editor/claims',
  '/editor/sources',
  '/editor/account',
  '/editor/tips',
  '/editor/desk',
];

export const PUBLIC_QUERIES = [
  '/search?q=x&kind=claim&verdict=false&topic=t&speaker=s&from=2020&to=2021&page=1',
  '/api/search?q=x&page=1&kind=claim',
  '/api/claims?page=1&verdict=false&topic=t&speaker=s',
  '/claims?page=1&verdict=false&topic=t&speaker=s&from=2020&to=2021',
  '/sources?page=1',
  '/people?page=1',
  '/cases?page=1',
  '/corrections?page=1',
  '/login?redirectTo=/editor',
];

const NEVER = /logout|sign.?out|delete|merge|sessions|disable|role/i;

export function skipForm(form: FoundForm, button: { name: string; value: string } | null): boolean {
  return NEVER.test(form.action) || (button !== null && NEVER.test(`${button.name}=${button.value}`));
}
