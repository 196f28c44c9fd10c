/**
 * Never a duplicate, on a real database seeded from content/: a source whose address is another's
 * (in any of the forms one address is copied) is refused, and its key is written by every writer;
 * a person or organisation of a close name is found; and "checked before?" finds a restated claim,
 * published from the readers' engine and drafts labelled "In progress".
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { importContent } from '~/content/import.server';
import { urlKey } from '~/domain/url-key';
import {
  backfillSourceUrlKeys,
  findSimilarClaims,
  findSimilarEntities,
  findSourceByUrl,
} from '~/models/duplicates.server';
import { getEntryForEdit, saveEntry, validateEntry, type FormValues } from '~/models/entry.server';
import { NAME_SIMILARITY_THRESHOLD, nameSimilarity } from '~/search/resemblance';
import { getSearchEngine, prepareSearch } from '~/search/index.server';
import { claimFormValues } from '../review-helpers';
import { ODD_QUERIES } from '../odd-queries';

const CHIP_RULE = 'https://www.foxbusiness.com/technology/huawei-chip-tech-national-security';
const PURDY =
  'We can prove that our equipment is not subject to any influence for the Chinese government, and we can prove that our employees are not subject to the Communist government.';

const sourceValues = (over: Partial<FormValues> = {}): FormValues => ({
  title: 'Trump administration wants to crack down on Huawei access to US chip-making tech: report',
  slug: '',
  kind: 'news_report',
  publisherId: '',
  authors: '',
  url: CHIP_RULE,
  publishedOn: '',
  accessedOn: '',
  archiveUrl: '',
  note: '',
  ...over,
});

const sqlite = () => getDb().$client;
const idOf = (table: string, slug: string) =>
  (sqlite().prepare(`select id from ${table} where slug = ?`).get(slug) as { id: number }).id;
const keyOf = (id: number) =>
  (sqlite().prepare('select url_key as key from sources where id = ?').get(id) as { key: string | null }).key;

beforeAll(() => {
  importContent(getDb(), path.resolve('content'));
  prepareSearch(() => {});
});

describe('a source whose page is already a source', () => {
  it.each([
    CHIP_RULE,
    'http://foxbusiness.com/technology/huawei-chip-tech-national-security/',
    'https://WWW.FOXBUSINESS.COM/technology/huawei-chip-tech-national-security#main',
    `${CHIP_RULE}?utm_source=twitter&utm_medium=social&fbclid=abc`,
  ])('is refused when created with %s, naming the existing source', (url) => {
    const checked = validateEntry('sources', sourceValues({ url }), undefined, { id: null });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    const existing = idOf('sources', 'foxbiz-chip-rule');
    expect(checked.errors.url).toBe(
      `This page is already a source: “Trump administration wants to crack down on Huawei access to US chip-making tech: report” (/editor/sources/${existing}).`,
    );
    expect(checked.duplicateOf).toMatchObject({
      id: existing,
      slug: 'foxbiz-chip-rule',
      href: `/editor/sources/${existing}`,
    });
  });

  it('reports the address with the form’s other errors, all at once', () => {
    const checked = validateEntry('sources', sourceValues({ title: '', publishedOn: '2020-02-30' }), undefined, {
      id: null,
    });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(Object.keys(checked.errors).sort()).toEqual(['publishedOn', 'title', 'url']);
  });

  it('lets a source be saved with its own address, and refuses another source’s on an edit', () => {
    const own = idOf('sources', 'foxbiz-chip-rule');
    expect(validateEntry('sources', sourceValues(), undefined, { id: own }).ok).toBe(true);
    // A caller that does not say which entry it saves: the slug the edit form carries says it.
    expect(validateEntry('sources', sourceValues({ slug: 'foxbiz-chip-rule' })).ok).toBe(true);
    const other = idOf('sources', 'foxbiz-aug-rule');
    const moved = validateEntry('sources', sourceValues({ slug: 'foxbiz-aug-rule' }), undefined, { id: other });
    expect(moved.ok).toBe(false);
    expect(validateEntry('sources', sourceValues({ slug: 'foxbiz-aug-rule' })).ok).toBe(false);
  });

  it('accepts a different page, a source without an address, and an address that is not a duplicate', () => {
    for (const url of ['', 'https://www.foxbusiness.com/technology/another-story', `${CHIP_RULE}?id=2`]) {
      expect(validateEntry('sources', sourceValues({ url }), undefined, { id: null }).ok).toBe(true);
    }
  });

  it('writes the key with every save of a source, and from content/', () => {
    expect(keyOf(idOf('sources', 'foxbiz-chip-rule'))).toBe(urlKey(CHIP_RULE));
    const saved = saveEntry('sources', {
      id: null,
      expectedVersion: null,
      values: sourceValues({ title: 'Keyed on save', url: 'https://Example.org/keyed/?utm_campaign=x' }),
      userId: null,
    });
    expect(keyOf(saved.id)).toBe('example.org/keyed');
    saveEntry('sources', {
      id: saved.id,
      expectedVersion: saved.version,
      values: sourceValues({ title: 'Keyed on save', url: '' }),
      userId: null,
    });
    expect(keyOf(saved.id)).toBeNull();
    expect(findSourceByUrl('https://example.org/keyed')).toBeNull();
  });

  it('keys the addresses of sources saved before keys existed, once', () => {
    sqlite().prepare(`update sources set url_key = null where slug like 'foxbiz-%'`).run();
    expect(findSourceByUrl(CHIP_RULE)).toBeNull();
    expect(backfillSourceUrlKeys()).toBe(3);
    expect(backfillSourceUrlKeys()).toBe(0);
    expect(findSourceByUrl(CHIP_RULE)?.slug).toBe('foxbiz-chip-rule');
  });
});

describe('people and organisations of a close name', () => {
  const matches = (name: string) => findSimilarEntities(name).map((m) => m.slug);

  it.each([
    ['Andy Purdy', 'andy-purdy'],
    ['Purdy, Andy', 'andy-purdy'],
    ['A. Purdy', 'andy-purdy'],
    ['andy purdey', 'andy-purdy'],
    ['Andrew Purdy', 'andy-purdy'],
    ['Meng Wanzhou', 'wanzhou-meng'],
    ['Robert OBrien', 'robert-obrien'],
    ['Huawei Technologies', 'huawei-technologies'],
    ['HUAWEI TECHNOLOGIES CO LTD', 'huawei-technologies'],
    ['Department of Justice', 'us-department-of-justice'],
  ])('finds %s like %s', (name, slug) => {
    expect(matches(name)).toContain(slug);
  });

  it('says which kind each match is, with a link to its editor page', () => {
    const [match] = findSimilarEntities('Purdy, Andy');
    expect(match).toMatchObject({ slug: 'andy-purdy', kind: 'people', title: 'Andy Purdy' });
    expect(match.href).toBe(`/editor/people/${match.id}`);
  });

  it.each(['Andy Murray', 'Andy Warhol', 'Huawei', 'Amazon', 'John Smith', '', '   ', '.,;'])(
    'finds nothing for %j',
    (name) => {
      expect(matches(name)).toEqual([]);
    },
  );

  it('scores the names the threshold was chosen on as documented', () => {
    const alike = [
      ['Andy Purdy', 'Purdy, Andy'],
      ['Andy Purdy', 'A. Purdy'],
      ['Andy Purdy', 'Andrew Purdy'],
      ['Andy Purdy', 'Andy Purdey'],
      ['Huawei Technologies Co., Ltd.', 'Huawei Technologies'],
      ['Donald J. Trump', 'Donald Trump'],
      ['Federal Bureau of Investigation', 'FBI'],
      ['José Martínez', 'Jose Martinez'],
    ];
    const different = [
      ['Andy Purdy', 'Andy Murray'],
      ['Huawei', 'Huawei Technologies'],
      ['John Smith', 'Jane Smith'],
      ['Federal Communications Commission', 'Federal Trade Commission'],
    ];
    for (const [a, b] of alike)
      expect(nameSimilarity(a, b), `${a} / ${b}`).toBeGreaterThanOrEqual(NAME_SIMILARITY_THRESHOLD);
    for (const [a, b] of different) expect(nameSimilarity(a, b), `${a} / ${b}`).toBeLessThan(NAME_SIMILARITY_THRESHOLD);
  });
});

describe('has this been checked before?', () => {
  const restated =
    'we can prove that our equipment is not subject to influence for the chinese government and we can prove our employes are not subject to the Communist government';

  it('finds Purdy’s statement, restated, among the first three, with its verdict and status', () => {
    const found = findSimilarClaims({ statement: restated });
    const index = found.findIndex((c) => c.slug === 'andy-purdy-denies-backdoor-access');
    expect(index).toBeGreaterThanOrEqual(0);
    expect(index).toBeLessThan(3);
    expect(found[index]).toMatchObject({
      statement: PURDY,
      speaker: 'Andy Purdy',
      verdict: { id: 'unproven', label: 'Unproven' },
      statusLabel: 'Published',
      href: '/claims/andy-purdy-denies-backdoor-access',
    });
  });

  it('asks the readers’ engine for claims only, the speaker’s first', () => {
    const { engine } = getSearchEngine();
    const hits = engine.similar('Andy Purdy Huawei equipment Chinese government', { limit: 10 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.meta.kind === 'claim')).toBe(true);
    const purdy = (speakerSlug?: string) =>
      engine
        .similar('Huawei can prove its equipment is free of government influence', { speakerSlug, limit: 10 })
        .findIndex((h) => h.meta.slug === 'andy-purdy-denies-backdoor-access');
    expect(purdy()).toBeGreaterThanOrEqual(0);
    expect(purdy('andy-purdy')).toBe(0);
    expect(purdy('andy-purdy')).toBeLessThanOrEqual(purdy());
  });

  it('lists drafts that match, labelled in progress, linking to their editor page', () => {
    const statement = 'Quetzalcoatl Networks routers send every customer password to a server in Ruritania.';
    const draft = saveEntry('claims', {
      id: null,
      expectedVersion: null,
      values: claimFormValues({ statement, speakerId: String(idOf('entities', 'andy-purdy')) }),
      userId: null,
    });
    const found = findSimilarClaims({
      statement: 'quetzalcoatl networks routers send every customer pasword to a server in ruritania',
      speaker: 'andy-purdy',
    });
    expect(found[0]).toMatchObject({
      id: draft.id,
      statement,
      statusLabel: 'In progress',
      status: 'draft',
      href: `/editor/claims/${draft.id}`,
      verdict: { id: 'unproven', label: 'Unproven' },
    });
    // The claim being edited is never its own duplicate.
    expect(findSimilarClaims({ statement, excludeId: draft.id }).map((c) => c.id)).not.toContain(draft.id);
    expect(getEntryForEdit('claims', draft.id)?.status).toBe('draft');
  });

  it('offers nothing for a statement like no claim, and at most ten', () => {
    expect(findSimilarClaims({ statement: 'Penguins prefer jazz on Tuesdays in Antarctica.' })).toEqual([]);
    expect(findSimilarClaims({ statement: `${PURDY} Huawei`, limit: 1000 }).length).toBeLessThanOrEqual(10);
  });

  it('answers any text, and any speaker, with a list and quickly', () => {
    for (const text of [...ODD_QUERIES, PURDY.repeat(50)]) {
      for (const speaker of [undefined, '', text, '99999999999', 'no-such-speaker', '1']) {
        const started = performance.now();
        expect(Array.isArray(findSimilarClaims({ statement: text, speaker }))).toBe(true);
        expect(performance.now() - started).toBeLessThan(1000);
      }
    }
    expect(findSimilarClaims({ statement: 42 })).toEqual([]);
  });
});
