/**
 * Launches the system Chromium (never a downloaded browser) with flags that keep it offline: for
 * `npm run screenshots` and for the browser tests and quality gates.
 */
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { env } from '../../config/env';

/** CHROMIUM_PATH, read at use (a script reads `.env` first). */
export const chromiumPath = (): string => env().CHROMIUM_PATH;

/** What every test browser runs with, besides its headless mode: no sandbox, GPU or network of its own. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumAvailable(): boolean {
  return fs.existsSync(chromiumPath());
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ['--headless', ...CHROMIUM_FLAGS],
  });
}
