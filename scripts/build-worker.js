// Second half of `npm run build` (after `remix build`): bundles the search index's build worker
// (app/search/build-worker.ts, which the server starts in a worker thread) into
// build/search-worker.js, beside the server bundle build/index.js, so the built server runs
// plain JavaScript and needs neither tsx nor the app's sources. Packages from node_modules stay
// imports (better-sqlite3 is a native addon; the rest are resolved as the server resolves them).
// esbuild is the one @remix-run/dev installs and uses for the app itself. `npm run dev` builds the
// worker once at start (`remix dev` rebuilds only the server bundle): restart it after editing
// the worker's modules if a dev session needs a background rebuild.
import path from 'node:path';
import { build } from 'esbuild';

const outfile = path.resolve('build/search-worker.js');
await build({
  entryPoints: [path.resolve('app/search/build-worker.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
console.log(`Built ${path.relative(process.cwd(), outfile)}`);
