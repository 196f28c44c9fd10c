/**
 * Exact words or our summary, over real HTTP from the built server seeded from content/
 * (newsroom trial R1, C3): a summary is never printed in quotation marks (claim page, cards,
 * search, the Atom feed, the timeline, the page title) but labelled as ours, with the words the
 * sources quote shown under it; a speaker's exact words still are quoted. Also the dataset fixes
 * a reader sees: the plea rated as worded, the case's dates said for what they are.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../../scripts/lib/server';

let server: StartedServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

/** The page's text as a reader gets it: tags dropped, entities decoded, whitespace collapsed. */
function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<!-- -->/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

async function get(path: string) {
  const res = await fetch(server.url + path);
  expect(res.status, path).toBe(200);
  const html = await res.text();
  return { html, text: textOf(html) };
}

const DOJ = 'Huawei ran a scheme to misappropriate intellectual property of U.S. companies.';
const PLEA = 'Huawei pleaded not guilty to the charges in the superseding indictment.';
const ALLEGATION = 'Huawei can covertly access mobile networks through back doors designed for law enforcement.';
const PURDY = 'We can prove that our equipment is not subject to any influence for the Chinese government';

/** `statement` appears, and never right after an opening quotation mark. */
function expectUnquoted(text: string, statement: string, where: string) {
  const start = statement.slice(0, 40);
  expect(text, where).toContain(start);
  expect(text, where).not.toMatch(new RegExp(`[“"]\\s*${start.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
}

describe('a summary on its own page', () => {
  it('is a labelled heading, not a quotation, with the sources’ words under it', async () => {
    const { html, text } = await get('/claims/huawei-pleads-not-guilty');
    expect(html).toMatch(/<h1>Huawei pleaded not guilty/);
    expect(html).not.toMatch(/<blockquote>\s*<h1>/);
    expectUnquoted(text, PLEA, 'page');
    expect(text).toContain('Our summary of what Huawei Technologies Co., Ltd. claimed');
    expect(text).toContain(
      'As Law360 reported it: “Huawei Denies RICO, Trade Secret Theft Charges In NY Case” — Law360, headline',
    );
    // The title and the social title say whose words they are not.
    const title = /<title>([^<]*)<\/title>/.exec(html)![1];
    expect(title).toContain('Our summary: Huawei pleaded not guilty');
    expect(title).not.toContain('“');
  });

  it('quotes a report’s words as the reporter’s, and says so when no source gives any', async () => {
    const doj = await get('/claims/doj-huawei-ip-theft-scheme');
    expectUnquoted(doj.text, DOJ, 'DOJ page');
    expect(doj.text).toContain(
      'As FOX Business reported it: “The U.S. government on Thursday filed new charges against Huawei',
    );
    expect(doj.text).toContain('As Politico reported it: “U.S. charges Huawei with racketeering and theft”');
    const allegation = await get('/claims/us-officials-huawei-backdoor-access');
    expectUnquoted(allegation.text, ALLEGATION, 'allegation page');
    expect(allegation.text).toContain('None of our sources quotes the exact words.');
  });

  it('is not quoted in the timeline or the relation lists of other pages', async () => {
    const plea = await get('/claims/huawei-pleads-not-guilty');
    expect(plea.text).toContain(`U.S. Department of Justice: Our summary: ${DOJ.slice(0, 40)}`);
    expectUnquoted(plea.text, DOJ, 'plea page, rebuts and timeline');
    const purdy = await get('/claims/andy-purdy-denies-backdoor-access');
    expect(purdy.text).toContain(`Our summary: ${ALLEGATION}`);
    expectUnquoted(purdy.text, ALLEGATION, 'Purdy page');
  });
});

describe('exact words', () => {
  it('stay in quotation marks, with no summary label', async () => {
    const { html, text } = await get('/claims/andy-purdy-denies-backdoor-access');
    expect(html.replace(/<!-- -->/g, '')).toMatch(/<blockquote><h1>“We can prove/);
    expect(text).toContain(`“${PURDY}`);
    expect(text).not.toContain('Our summary of what Andy Purdy claimed');
    expect(/<title>([^<]*)<\/title>/.exec(html)![1]).toContain('Andy Purdy: “We can prove');
  });
});

describe('cards, search and the feed', () => {
  it('label summaries and quote exact words on the claim cards', async () => {
    const { text } = await get('/claims');
    for (const summary of [DOJ, PLEA, ALLEGATION]) {
      expectUnquoted(text, summary, 'claims index');
      expect(text).toContain(`Our summary: ${summary}`);
    }
    expect(text).toContain(`“${PURDY}`);
    const home = await get('/');
    expectUnquoted(home.text, DOJ, 'home page');
  });

  it('label summaries and quote exact words in search results', async () => {
    const summary = await get('/search?q=misappropriate');
    expect(summary.text).toContain('Our summary: Huawei ran a scheme');
    expectUnquoted(summary.text, DOJ, 'search');
    const quote = await get('/search?q=purdy+prove');
    expect(quote.text).toContain('“We can prove');
  });

  it('keep quotation marks in feed titles for exact words only', async () => {
    const res = await fetch(`${server.url}/feed.xml`);
    const xml = await res.text();
    const titles = [...xml.matchAll(/<title type="text">([^<]*)<\/title>/g)].map((m) => m[1]);
    const doj = titles.find((t) => t.includes('Huawei ran a scheme'))!;
    expect(doj).toBe(`U.S. Department of Justice: Our summary: ${DOJ}`);
    const purdy = titles.find((t) => t.includes('We can prove'))!;
    expect(purdy).toMatch(/^Andy Purdy: “We can prove .*”$/);
    expect(purdy.length).toBeLessThanOrEqual(140);
  });

  it('give statementKind in the API', async () => {
    const res = await fetch(`${server.url}/api/claims/huawei-pleads-not-guilty`);
    const claim = (await res.json()) as { statementKind: string; verdict: { id: string } };
    expect(claim).toMatchObject({ statementKind: 'summary', verdict: { id: 'accurate' } });
    const list = (await (await fetch(`${server.url}/api/claims?perPage=100`)).json()) as {
      data: { slug: string; statementKind: string }[];
    };
    expect(
      list.data
        .filter((c) => c.statementKind === 'summary')
        .map((c) => c.slug)
        .sort(),
    ).toEqual(['doj-huawei-ip-theft-scheme', 'huawei-pleads-not-guilty', 'us-officials-huawei-backdoor-access']);
  });
});

describe('the dataset as readers see it', () => {
  it('rates the plea as worded and the checked process claim as unproven', async () => {
    const plea = await get('/claims/huawei-pleads-not-guilty');
    expect(plea.html).toContain('class="verdict verdict--accurate"');
    expect(plea.text).toContain('The plea is on the record.');
    const process = await get('/claims/commerce-license-review-process');
    expect(process.html).toContain('class="verdict verdict--unproven"');
    expect(process.html).not.toContain('verdict--unverified"');
    expect(process.text).toContain('Correction: The verdict was Unverified');
  });

  it('says what the case’s date is, and calls the 2019 indictment earlier, not original', async () => {
    const { text } = await get('/cases/us-v-huawei-edny');
    expect(text).toMatch(/Charging document filed\s*13 Feb 2020/);
    expect(text).toContain('Earlier indictment (January 2019)');
    expect(text).not.toMatch(/original indictment/i);
  });

  it('says "Most disputed" means the most answered, and counts live fact-checks', async () => {
    const { text } = await get('/');
    expect(text).toMatch(/Most disputed\s*The claims others have answered most/);
    expect(text).toContain('8 fact-checks so far, every one sourced (retracted ones are not counted)');
    expect(text).toContain('Rebutted or disputed by 1 claim');
  });
});
