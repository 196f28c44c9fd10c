// Second half of `npm run build` (after `remix build`): bundles the search index's build worker
// (app/search/build-worker.ts, which the server starts in a worker thread) into
// build/search-worker.js, beside the server bundle build/index.js, so the built server runs
// plain JavaScript and needs neither tsx nor the app's sources. esbuild is the one
// @remix-run/dev installs and uses for the app itself. `npm run dev` builds the worker once at
// start (`remix dev` rebuilds only the server bundle): restart it after editing the worker's
// modules if a dev session needs a background rebuild.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

// The packages of package.json (and their subpaths) stay imports, resolved from node_modules as
// the server resolves them: better-sqlite3 is a native addon. Not esbuild's `packages:
// 'external'`, which would also leave the app's own `~/…` imports (tsconfig paths) unbundled.
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).flatMap((name) => [name, `${name}/*`]);

const outfile = path.resolve('build/search-worker.js');
await build({
  entryPoints: [path.resolve('app/search/build-worker.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  logLevel: 'warning',
});
console.log(`Built ${path.relative(process.cwd(), outfile)}`);
