// `npm start`: build once if there is no build yet, then serve it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadEnvironment } from '../config/env.js';

// Read `.env` and check every setting before spending a minute on a build that could not start.
loadEnvironment();

if (!fs.existsSync(path.resolve('build/index.js'))) {
  console.log('No build found: running `remix build` first.');
  const result = spawnSync('npx', ['remix', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
await import('../server.js');
