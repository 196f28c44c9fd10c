// `npm run screenshots -- [baseUrl]`: PNGs of every page kind at phone and desktop widths, in
// screenshots/ (gitignored), for a person to look at. With SCREENSHOT_EMAIL and
// SCREENSHOT_PASSWORD set it also signs in and captures the editors' pages.
import fs from 'node:fs';
import { env, loadEnvironment } from '../config/env';
import { launchChromium } from './lib/chromium';

const base = process.argv[2] || 'http://localhost:3000';
const pages: Record<string, string> = {
  home: '/',
  claims: '/claims',
  claim: '/claims/andy-purdy-denies-backdoor-access',
  allegation: '/claims/us-officials-huawei-backdoor-access',
  person: '/people/andy-purdy',
  organisation: '/organisations/huawei-technologies',
  source: '/sources/foxbiz-purdy-denial',
  case: '/cases/us-v-huawei-edny',
  topic: '/topics/huawei',
  search: '/search?q=backdoor',
  'search-none': '/search?q=zzzzqqq',
  'not-found': '/claims/no-such-claim',
  methodology: '/about/methodology',
  'corrections-policy': '/about/corrections-policy',
};
const editorPages: Record<string, string> = {
  'editor-dashboard': '/editor',
  'editor-claim-new': '/editor/claims/new',
  'editor-claim': '/editor/claims/1',
  'editor-history': '/editor/claims/1/history',
  'editor-case': '/editor/cases/1',
  'editor-users': '/editor/users',
};
const widths = { phone: 375, desktop: 1280 };
loadEnvironment();
const { SCREENSHOT_EMAIL: email, SCREENSHOT_PASSWORD: password } = env();

fs.mkdirSync('screenshots', { recursive: true });
const browser = await launchChromium();
for (const [label, width] of Object.entries(widths)) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  for (const [name, path] of Object.entries(pages)) {
    await page.goto(base + path);
    await page.screenshot({ path: `screenshots/${name}-${label}.png`, fullPage: true });
  }
  if (email && password) {
    await page.goto(`${base}/login`);
    await page.screenshot({ path: `screenshots/login-${label}.png`, fullPage: true });
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', password);
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'Dashboard' }).waitFor();
    for (const [name, path] of Object.entries(editorPages)) {
      await page.goto(base + path);
      await page.screenshot({ path: `screenshots/${name}-${label}.png`, fullPage: true });
    }
  }
  await context.close();
}
await browser.close();
console.log(`Wrote ${Object.keys(pages).length * 2} screenshots to screenshots/`);
