// `npm run screenshots -- [baseUrl]`: PNGs of every page kind at phone and desktop widths, in
// screenshots/ (gitignored), for a person to look at.
import fs from 'node:fs';
import { launchChromium } from '../test/browser/chromium';

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
};
const widths = { phone: 375, desktop: 1280 };

fs.mkdirSync('screenshots', { recursive: true });
const browser = await launchChromium();
for (const [label, width] of Object.entries(widths)) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  for (const [name, path] of Object.entries(pages)) {
    await page.goto(base + path);
    await page.screenshot({ path: `screenshots/${name}-${label}.png`, fullPage: true });
  }
  await context.close();
}
await browser.close();
console.log(`Wrote ${Object.keys(pages).length * 2} screenshots to screenshots/`);
