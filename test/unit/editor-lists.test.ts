/**
 * The editor's lists on a real database: search finds drafts, each filter narrows to what it
 * names (and refuses what names nothing), the sorts are stable, and pages count what matches.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { cases, claims, entities, revisions, sources, topics, users } from '../../db/schema';
import { editorListOptions, listEditorEntries, parseEditorListQuery, shorten } from '~/models/editor-lists.server';
import { revisionTitles } from '~/models/editor.server';
import type { EntryKind } from '~/domain';
import { rangeText } from '~/domain/editor-lists';
import { insertClaim, insertSource } from '../factories';

function list(kind: EntryKind, query: string, perPage?: number) {
  const parsed = parseEditorListQuery(kind, new URLSearchParams(query));
  if (!parsed.ok) throw new Error(`${query}: ${JSON.stringify(parsed.errors)}`);
  return listEditorEntries(parsed.query, perPage);
}
const titles = (kind: EntryKind, query: string) => list(kind, query).items.map((r) => r.title);
const errorsOf = (kind: EntryKind, query: string) => {
  const parsed = parseEditorListQuery(kind, new URLSearchParams(query));
  return parsed.ok ? null : parsed;
};

const db = () => getDb();
let ana: number;
let ben: number;
let acme: number;
let zebra: number;
let otherPurdy: number;

beforeAll(() => {
  ana = db().insert(users).values({ email: 'ana-lists@example.org', name: 'Ana Lists' }).returning().get().id;
  ben = db().insert(users).values({ email: 'ben-lists@example.org', name: 'Ben Lists' }).returning().get().id;
  acme = db()
    .insert(entities)
    .values({ slug: 'acme-corp', kind: 'organisation', name: 'Acme Corp' })
    .returning()
    .get().id;
  db()
    .insert(entities)
    .values([
      { slug: 'andy-purdy', kind: 'person', name: 'Andy Purdy', role: 'CSO', affiliationId: acme },
      { slug: 'wile-coyote', kind: 'person', name: 'Wile Coyote', affiliationId: acme },
      { slug: 'road-runner', kind: 'person', name: 'Road Runner' },
    ])
    .run();
  otherPurdy = db()
    .insert(entities)
    .values({ slug: 'jane-purdy', kind: 'person', name: 'Jane Purdy' })
    .returning()
    .get().id;
  zebra = db().insert(topics).values({ slug: 'zebras', name: 'Zebras' }).returning().get().id;
  db().insert(topics).values({ slug: 'anvils', name: 'Anvils' }).run();

  insertSource({ slug: 'acme-catalogue', title: 'The Acme catalogue', publisher: 'acme-corp' });
  insertSource({ slug: 'desert-gazette', title: 'Desert gazette report', url: 'https://gazette.example/x' });
  db().update(sources).set({ archiveUrl: 'https://archive.example/x' }).where(eq(sources.slug, 'desert-gazette')).run();

  insertClaim({
    slug: 'purdy-draft',
    statement: 'Backdoor access was never given to anyone, said the draft',
    speaker: 'andy-purdy',
    claimedOn: '2020-02-13',
    verdict: 'disputed',
    topics: ['zebras'],
  });
  insertClaim({
    slug: 'purdy-published',
    statement: 'Anvils fall faster than coyotes',
    status: 'published',
    speaker: 'andy-purdy',
    claimedOn: '2020-03',
    verdict: 'false',
    citations: [{ source: 'acme-catalogue' }],
  });
  insertClaim({
    slug: 'runner-retracted',
    statement: 'Beep beep means nothing at all',
    status: 'retracted',
    speaker: 'road-runner',
    claimedOn: '2019',
    verdict: 'disputed',
  });
  insertClaim({ slug: 'nobody-said', statement: 'An unattributed backdoor rumour' });
  db().update(claims).set({ assigneeId: ana, deskState: 'suggested' }).where(eq(claims.slug, 'purdy-draft')).run();
  db().update(claims).set({ assigneeId: ben }).where(eq(claims.slug, 'purdy-published')).run();
  // Distinct change times, oldest first in the order inserted, the unattributed one newest.
  ['runner-retracted', 'purdy-draft', 'purdy-published', 'nobody-said'].forEach((slug, i) =>
    db()
      .update(claims)
      .set({ updatedAt: new Date(Date.UTC(2026, 0, 1 + i)) })
      .where(eq(claims.slug, slug))
      .run(),
  );
  db()
    .insert(cases)
    .values([
      { slug: 'us-v-acme', caption: 'United States v. Acme', court: 'E.D.N.Y.', status: 'pending' },
      { slug: 'coyote-v-acme', caption: 'Coyote v. Acme', court: 'D. Ariz.', status: 'closed' },
    ])
    .run();
});

describe('search', () => {
  it('finds a draft by the start of its words, and every word must match', () => {
    expect(titles('claims', 'q=backd')).toEqual([
      'An unattributed backdoor rumour',
      'Backdoor access was never given to anyone, said the draft',
    ]);
    expect(titles('claims', 'q=backdoor+draft')).toEqual(['Backdoor access was never given to anyone, said the draft']);
    expect(titles('claims', 'q=zzzzqqq')).toEqual([]);
  });

  it('searches each kind by what an editor types to find it', () => {
    expect(titles('sources', 'q=gazette')).toEqual(['Desert gazette report']);
    expect(titles('people', 'q=purdy')).toEqual(['Jane Purdy', 'Andy Purdy']);
    expect(titles('organisations', 'q=acme')).toEqual(['Acme Corp']);
    expect(titles('people', 'q=acme')).toEqual([]);
    expect(titles('cases', 'q=coyote')).toEqual(['Coyote v. Acme']);
    expect(titles('topics', 'q=zeb')).toEqual(['Zebras']);
  });

  it('treats hostile text as words, never as query syntax', () => {
    for (const q of ['"unterminated', 'a OR b NEAR(c)', '*', '\u0000', 'x'.repeat(10_000), "'; drop table claims;--"]) {
      expect(() => list('claims', new URLSearchParams({ q }).toString())).not.toThrow();
    }
  });
});

describe('claim filters', () => {
  it('filters by status, desk state, assignee and verdict', () => {
    expect(titles('claims', 'status=published')).toEqual(['Anvils fall faster than coyotes']);
    expect(titles('claims', 'desk=suggested')).toEqual(['Backdoor access was never given to anyone, said the draft']);
    expect(titles('claims', `assignee=${ben}`)).toEqual(['Anvils fall faster than coyotes']);
    expect(titles('claims', 'assignee=none')).toEqual([
      'An unattributed backdoor rumour',
      'Beep beep means nothing at all',
    ]);
    expect(titles('claims', 'verdict=disputed&status=retracted')).toEqual(['Beep beep means nothing at all']);
  });

  it('filters by a speaker or topic typed as a slug, a name in any case, or the one name the words find', () => {
    const byPurdy = ['Anvils fall faster than coyotes', 'Backdoor access was never given to anyone, said the draft'];
    expect(titles('claims', 'speaker=andy-purdy')).toEqual(byPurdy);
    expect(titles('claims', 'speaker=ANDY+PURDY')).toEqual(byPurdy);
    expect(titles('claims', 'speaker=road')).toEqual(['Beep beep means nothing at all']);
    expect(titles('claims', 'topic=Zebras')).toEqual(['Backdoor access was never given to anyone, said the draft']);
    const parsed = parseEditorListQuery('claims', new URLSearchParams('speaker=andy-purdy&topic=zebras'));
    expect(parsed.ok && parsed.query.applied).toEqual([
      { key: 'speaker', label: 'Said by', value: 'Andy Purdy' },
      { key: 'topic', label: 'Topic', value: 'Zebras' },
    ]);
    expect(zebra).toBeGreaterThan(0);
  });

  it('offers the candidates when a name matches several, and refuses one that matches nobody', () => {
    const several = errorsOf('claims', 'speaker=purdy')!;
    expect(several.errors.speaker).toBe('Several match “purdy”: choose one.');
    expect(several.candidates.speaker.map((c) => c.slug).sort()).toEqual(['andy-purdy', 'jane-purdy']);
    expect(errorsOf('claims', 'speaker=nobody+at+all')!.errors.speaker).toBe('Nobody has that name.');
    expect(errorsOf('claims', 'topic=unicorns')!.errors.topic).toBe('No topic has that name.');
    expect(otherPurdy).toBeGreaterThan(0);
  });

  it('filters by the date said, a partial date covering its whole month or year', () => {
    expect(titles('claims', 'from=2020')).toEqual([
      'Anvils fall faster than coyotes',
      'Backdoor access was never given to anyone, said the draft',
    ]);
    expect(titles('claims', 'to=2020-02')).toEqual([
      'Backdoor access was never given to anyone, said the draft',
      'Beep beep means nothing at all',
    ]);
    expect(titles('claims', 'from=2020-03&to=2020-03')).toEqual(['Anvils fall faster than coyotes']);
  });

  it('answers unknown values with a message for their field', () => {
    expect(errorsOf('claims', 'status=deleted')!.errors).toEqual({ status: 'There is no such status.' });
    expect(errorsOf('claims', 'desk=lost')!.errors.desk).toBe('There is no such desk state.');
    expect(errorsOf('claims', 'assignee=999999')!.errors.assignee).toBe('There is no such editor.');
    expect(errorsOf('claims', 'assignee=1e3')!.errors.assignee).toBe('There is no such editor.');
    expect(errorsOf('claims', 'verdict=pants-on-fire')!.errors.verdict).toBe('There is no such verdict.');
    expect(errorsOf('claims', 'from=2020-13')!.errors.from).toBeTruthy();
    expect(errorsOf('claims', 'from=2021&to=2020')!.errors.to).toBe('The end date is before the start date.');
    expect(errorsOf('claims', 'sort=cited')!.errors.sort).toBe('This list cannot be sorted that way.');
    expect(errorsOf('claims', 'page=0')!.errors.page).toBe('Page numbers start at 1.');
  });

  it('offers the verdicts and the editors as choices', () => {
    const options = editorListOptions('claims');
    expect(options.verdicts.map((v) => v.id)).toContain('disputed');
    expect(options.editors.map((e) => e.name)).toEqual(expect.arrayContaining(['Ana Lists', 'Ben Lists']));
  });
});

describe('other kinds’ filters', () => {
  it('filters sources by publisher, kind, archived copy and whether anything cites them', () => {
    expect(titles('sources', 'publisher=Acme+Corp')).toEqual(['The Acme catalogue']);
    expect(titles('sources', 'archived=yes')).toEqual(['Desert gazette report']);
    expect(titles('sources', 'archived=no')).toEqual(['The Acme catalogue']);
    expect(titles('sources', 'cited=yes')).toEqual(['The Acme catalogue']);
    expect(titles('sources', 'cited=no')).toEqual(['Desert gazette report']);
    expect(titles('sources', 'kind=court_filing')).toEqual([]);
    expect(errorsOf('sources', 'kind=tweet')!.errors.kind).toBe('There is no such kind of source.');
    expect(errorsOf('sources', 'archived=maybe')!.errors.archived).toBe('Choose yes or no.');
  });

  it('filters people and organisations by affiliation', () => {
    expect(titles('people', 'affiliation=acme-corp&sort=title')).toEqual(['Andy Purdy', 'Wile Coyote']);
    expect(titles('organisations', 'affiliation=acme-corp')).toEqual([]);
  });

  it('filters cases by court and status, as some case spells them', () => {
    expect(titles('cases', 'court=e.d.n.y.')).toEqual(['United States v. Acme']);
    expect(titles('cases', 'status=closed')).toEqual(['Coyote v. Acme']);
    expect(errorsOf('cases', 'court=Narnia')!.errors.court).toBe('No case is before a court of that name.');
    expect(editorListOptions('cases').courts).toEqual(['D. Ariz.', 'E.D.N.Y.']);
  });
});

describe('sorting and pages', () => {
  it('sorts by recent change, title and date said, ties broken by id', () => {
    expect(titles('claims', '')).toEqual([
      'An unattributed backdoor rumour',
      'Anvils fall faster than coyotes',
      'Backdoor access was never given to anyone, said the draft',
      'Beep beep means nothing at all',
    ]);
    expect(titles('claims', 'sort=title')).toEqual([
      'An unattributed backdoor rumour',
      'Anvils fall faster than coyotes',
      'Backdoor access was never given to anyone, said the draft',
      'Beep beep means nothing at all',
    ]);
    expect(titles('claims', 'sort=date')).toEqual([
      'Anvils fall faster than coyotes',
      'Backdoor access was never given to anyone, said the draft',
      'Beep beep means nothing at all',
      'An unattributed backdoor rumour',
    ]);
    expect(titles('sources', 'sort=cited')[0]).toBe('The Acme catalogue');
  });

  it('gives rows that tie one place each, so no row shows on two pages', () => {
    const same = new Date(Date.UTC(2026, 5, 1));
    const made = Array.from({ length: 7 }, (_, i) => insertClaim({ statement: `Tied claim ${i}` }).id);
    for (const id of made) db().update(claims).set({ updatedAt: same }).where(eq(claims.id, id)).run();
    const pages = [1, 2, 3].map((page) => list('claims', `q=tied&page=${page}`, 3));
    expect(pages.map((p) => p.items.length)).toEqual([3, 3, 1]);
    expect(pages[0].total).toBe(7);
    expect(pages[0].pageCount).toBe(3);
    expect(pages.flatMap((p) => p.items.map((r) => r.id))).toEqual([...made].reverse());
    expect(list('claims', 'q=tied&page=4', 3).items).toEqual([]);
  });

  it('pages through thousands of matches most recently changed first, drafts and public claims merged', () => {
    const sqlite = db().$client;
    const insert = sqlite.prepare(
      `insert into claims (slug, statement, status, published_at, updated_at) values (?, ?, ?, ?, ?)`,
    );
    sqlite.transaction(() => {
      for (let i = 0; i < 2100; i++) {
        const status = i % 3 === 0 ? 'draft' : i % 3 === 1 ? 'published' : 'retracted';
        // Every tenth claim shares its change time with the one before: the id decides.
        const changed = 1_900_000_000 + Math.floor(i / 2) * 10 + (i % 10 === 0 ? 0 : i % 2);
        insert.run(`plentiful-${i}`, `Plentiful claim ${i}`, status, status === 'draft' ? null : changed, changed);
      }
    })();
    const rows = sqlite
      .prepare(`select id from claims where slug like 'plentiful-%' order by updated_at desc, id desc`)
      .all() as { id: number }[];
    const expected = rows.map((r) => r.id);
    const first = list('claims', 'q=plentiful');
    expect(first.total).toBe(2100);
    expect(first.pageCount).toBe(42);
    const seen = [1, 2, 21, 42].flatMap((page) => list('claims', `q=plentiful&page=${page}`).items.map((r) => r.id));
    expect(seen).toEqual([...expected.slice(0, 100), ...expected.slice(1000, 1050), ...expected.slice(2050)]);
    const draftIds = (
      sqlite
        .prepare(
          `select id from claims where slug like 'plentiful-%' and status = 'draft' order by updated_at desc, id desc`,
        )
        .all() as { id: number }[]
    ).map((r) => r.id);
    const drafts = list('claims', 'q=plentiful&status=draft&page=14');
    expect(drafts.total).toBe(700);
    expect(drafts.items.map((r) => r.id)).toEqual(draftIds.slice(650));
    const allDrafts = list('claims', 'status=draft', 5000).items.map((r) => r.title);
    expect(allDrafts.filter((t) => t.startsWith('Plentiful')).length).toBe(700);
    expect(
      list('claims', 'q=plentiful&status=retracted', 5000).items.every((r) => r.cells.status === 'Retracted'),
    ).toBe(true);
    sqlite.prepare(`delete from claims where slug like 'plentiful-%'`).run();
  });

  it('shows the rows of a page with the columns an editor needs', () => {
    const [row] = list('claims', 'q=backdoor+draft').items;
    expect(row.cells).toMatchObject({
      speaker: 'Andy Purdy',
      verdict: 'Disputed',
      status: 'Draft',
      desk: 'Suggested',
      assignee: 'Ana Lists',
      said: '2020-02-13',
    });
    const [source] = list('sources', 'q=acme').items;
    expect(source.cells).toMatchObject({ publisher: 'Acme Corp', archived: 'No', cited: 1, kind: 'News report' });
    expect(rangeText(2, 50, 50, 58835)).toBe('51–100 of 58,835');
    expect(rangeText(1, 50, 3, 3)).toBe('1–3 of 3');
  });

  it('shortens a long statement at a word', () => {
    const long = `${'word '.repeat(60)}end`;
    const short = shorten(long);
    expect(short.length).toBeLessThanOrEqual(161);
    expect(short.endsWith('word…')).toBe(true);
  });
});

describe('the dashboard’s recent changes', () => {
  it('names each entry with its kind, in one query per kind', () => {
    const claim = insertClaim({ statement: 'A claim with a revision' });
    const person = db().select().from(entities).where(eq(entities.slug, 'andy-purdy')).get()!;
    const organisation = db().select().from(entities).where(eq(entities.slug, 'acme-corp')).get()!;
    db()
      .insert(revisions)
      .values([
        { entityKind: 'claim', entityId: claim.id, version: 1, snapshot: '{}' },
        { entityKind: 'entity', entityId: person.id, version: 1, snapshot: '{}' },
        { entityKind: 'entity', entityId: organisation.id, version: 1, snapshot: '{}' },
      ])
      .run();
    const found = revisionTitles([
      { entityKind: 'claim', entityId: claim.id },
      { entityKind: 'entity', entityId: person.id },
      { entityKind: 'entity', entityId: organisation.id },
      { entityKind: 'topic', entityId: 999999 },
    ]);
    expect(found).toEqual({
      [`claim:${claim.id}`]: { title: 'A claim with a revision', kind: 'Claim', path: `/editor/claims/${claim.id}` },
      [`entity:${person.id}`]: { title: 'Andy Purdy', kind: 'Person', path: `/editor/people/${person.id}` },
      [`entity:${organisation.id}`]: {
        title: 'Acme Corp',
        kind: 'Organisation',
        path: `/editor/organisations/${organisation.id}`,
      },
    });
  });
});
