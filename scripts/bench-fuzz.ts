// `npm run bench:fuzz [-- --per-field N]`: the whole Big List of Naughty Strings (and the odd
// values), or N of them per field, through every form field and public parameter of a freshly
// started built server, signed in and not; prints the number of requests, the statuses and every
// problem, and exits 1 if there is any. The test suite (test/http/fuzz.test.ts) sends a
// fixed-seed sample of 6 per field.
import { createEditor, signIn } from '../test/fixtures';
import { NAUGHTY_STRINGS, ODD_VALUES, runFuzz } from './lib/fuzz';
import { EDITOR_FORM_PAGES, PUBLIC_FORM_PAGES, PUBLIC_QUERIES, skipForm } from './lib/fuzz-targets';
import { startServer } from './lib/server';

const flag = process.argv.indexOf('--per-field');
const perField = flag === -1 ? Infinity : Number(process.argv[flag + 1]);
if (!(perField > 0)) throw new Error('--per-field needs a number of strings per field');
const server = await startServer();
try {
  const cookie = await signIn(server, await createEditor(server, { name: 'Ed Fuzz', role: 'editor' }));
  const idOf = async (kind: string) =>
    new RegExp(`href="/editor/${kind}/(\\d+)"`).exec(
      await (await fetch(`${server.url}/editor/${kind}`, { headers: { Cookie: cookie } })).text(),
    )![1];
  const claim = await idOf('claims');
  const courtCase = await idOf('cases');
  const started = performance.now();
  const report = await runFuzz({
    baseUrl: server.url,
    pages: [
      ...PUBLIC_FORM_PAGES.map((path) => ({ path, cookie: '' })),
      ...EDITOR_FORM_PAGES.map((path) => ({ path: path.replace(':claim', claim).replace(':case', courtCase), cookie })),
    ],
    queries: PUBLIC_QUERIES,
    strings: [...NAUGHTY_STRINGS, ...ODD_VALUES],
    perField,
    seed: 1,
    skip: skipForm,
    cwd: process.cwd(),
  });
  console.log(
    `${report.requests} requests in ${((performance.now() - started) / 1000).toFixed(0)} s; statuses ${JSON.stringify(report.statuses)}`,
  );
  for (const p of report.problems) console.log(`PROBLEM ${p.problem}: ${p.request}`);
  console.log(`${report.problems.length} problems`);
  process.exitCode = report.problems.length > 0 ? 1 : 0;
} finally {
  await server.stop();
}
