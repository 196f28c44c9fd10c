// `npm start`: build once if the build is missing or incomplete, then serve it on every core
// (cluster.js: WEB_CONCURRENCY processes of server.js).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadEnvironment } from '../config/env.js';

// Read `.env` and check every setting before spending a minute on a build that could not start.
loadEnvironment();

// The server bundle and the search index's worker (built beside it by `npm run build`).
const BUILD_FILES = ['build/index.js', 'build/search-worker.js'];

if (BUILD_FILES.some((file) => !fs.existsSync(path.resolve(file)))) {
  console.log('No complete build found: running `npm run build` first.');
  const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
await import('../cluster.js');
