/**
 * What the history shows of a change, from two revision snapshots (entry documents, slugs
 * throughout): only the fields that changed, by the form's labels, references by name with the
 * slug, citations and links as sentences, long text as a word diff. Pure: no database.
 */
import { describe, expect, it } from 'vitest';
import { DOCUMENT_FIELDS } from '~/content/format';
import { diffText } from '~/editor/diff';
import {
  changedFields,
  referencedSlugs,
  type FieldChange,
  type Names,
  type Readable,
  type Snapshot,
} from '~/editor/revision-changes';

const claimKeys = DOCUMENT_FIELDS.claims;

/** A claim's snapshot as `flatDocument` stores it. */
const claim = (over: Snapshot = {}): Snapshot => ({
  slug: 'purdy-denies-access',
  statement: 'We can prove that our equipment is not subject to any influence.',
  statement_kind: null,
  speaker: 'andy-purdy',
  date: '2020-02-13',
  venue: 'Mornings with Maria',
  medium: null,
  verdict: 'unproven',
  verdict_explanation: 'No proof was shown.',
  status: 'draft',
  published: null,
  retracted: null,
  language: 'en',
  topics: ['cybersecurity', 'huawei'],
  about: [],
  relations: [],
  citations: [{ source: 'foxbiz-purdy-denial', role: 'made_in', quote: 'not subject to any influence', locator: null }],
  cases: [],
  corrections: [],
  analysis: 'Purdy spoke on FOX Business. Nothing public shows either way.',
  ...over,
});

const names: Names = {
  entities: { 'andy-purdy': 'Andy Purdy', 'wanzhou-meng': 'Wanzhou Meng', 'huawei-technologies': 'Huawei' },
  topics: { cybersecurity: 'Cybersecurity', huawei: 'Huawei', sanctions: 'Sanctions' },
  sources: { 'foxbiz-purdy-denial': 'FOX Business', 'wsj-report': 'The Wall Street Journal' },
  verdicts: { unproven: 'Unproven', false: 'False' },
  cases: { 'us-v-huawei': 'United States v. Huawei' },
};

/** A readable value as the page's text would read: a reference as "Name (slug)". */
const read = (text: Readable | null) =>
  (text ?? []).map((s) => (typeof s === 'string' ? s : s.name === null ? s.slug : `${s.name} (${s.slug})`)).join('');
const byLabel = (changes: FieldChange[], label: string) => changes.find((c) => c.label === label);
const linesOf = (change: FieldChange | undefined) =>
  change?.type === 'lines' ? change.lines.map((l) => `${l.kind}: ${read(l.text)}`) : [];

describe('changed fields', () => {
  it('lists only what changed, by the form’s labels, references by name and slug (never an id)', () => {
    const changes = changedFields(
      'claims',
      claimKeys,
      claim(),
      claim({ speaker: 'wanzhou-meng', venue: 'A press briefing' }),
      names,
    );
    expect(changes.map((c) => c.label)).toEqual(['Said by', 'Where']);
    const speaker = byLabel(changes, 'Said by');
    expect(speaker?.type).toBe('value');
    if (speaker?.type !== 'value') return;
    expect(read(speaker.before)).toBe('Andy Purdy (andy-purdy)');
    expect(read(speaker.after)).toBe('Wanzhou Meng (wanzhou-meng)');
    expect(JSON.stringify(changes)).not.toMatch(/speakerId|\d{2,}/);
  });

  it('shows a slug nothing has any more as the slug, and a verdict by its label', () => {
    const changes = changedFields(
      'claims',
      claimKeys,
      claim(),
      claim({ speaker: 'gone-person', verdict: 'false' }),
      names,
    );
    const speaker = byLabel(changes, 'Said by');
    const verdict = byLabel(changes, 'Verdict');
    if (speaker?.type !== 'value' || verdict?.type !== 'value') throw new Error('expected value changes');
    expect(speaker.after).toEqual([{ ref: 'entities', slug: 'gone-person', name: null }]);
    expect(read(verdict.before)).toBe('Unproven (unproven)');
    expect(read(verdict.after)).toBe('False (false)');
  });

  it('writes citations as sentences, added and removed, not as JSON', () => {
    const after = claim({
      citations: [
        {
          source: 'foxbiz-purdy-denial',
          role: 'made_in',
          quote: 'not subject to any influence',
          locator: 'paragraph 4',
        },
        { source: 'wsj-report', role: 'evidence_against', quote: null, locator: null },
      ],
    });
    const changes = changedFields('claims', claimKeys, claim(), after, names);
    expect(changes.map((c) => c.label)).toEqual(['Citations']);
    expect(linesOf(changes[0])).toEqual([
      'removed: Cited FOX Business (foxbiz-purdy-denial): “not subject to any influence” — where the claim was made',
      'added: Cited FOX Business (foxbiz-purdy-denial): “not subject to any influence” (paragraph 4) — where the claim was made',
      'added: Cited The Wall Street Journal (wsj-report) — evidence against',
    ]);
    expect(JSON.stringify(changes)).not.toMatch(/"role"|evidence_against|\{"source"/);
  });

  it('says so when the same citations are put in another order', () => {
    const two = [
      { source: 'foxbiz-purdy-denial', role: 'made_in' },
      { source: 'wsj-report', role: 'reports' },
    ];
    const changes = changedFields(
      'claims',
      claimKeys,
      claim({ citations: two }),
      claim({ citations: [...two].reverse() }),
      names,
    );
    expect(changes).toEqual([expect.objectContaining({ label: 'Citations', lines: [], reordered: true })]);
  });

  it('lists topics, relations and case links added or removed, by name', () => {
    const changes = changedFields(
      'claims',
      claimKeys,
      claim(),
      claim({
        topics: ['huawei', 'sanctions'],
        relations: [{ kind: 'rebuts', claim: 'us-officials-say', note: 'A reply.' }],
        cases: [{ case: 'us-v-huawei', role: 'about', note: null }],
      }),
      names,
    );
    expect(linesOf(byLabel(changes, 'Topics'))).toEqual([
      'removed: Cybersecurity (cybersecurity)',
      'added: Sanctions (sanctions)',
    ]);
    expect(linesOf(byLabel(changes, 'Related claims'))).toEqual(['added: Rebuts us-officials-say — A reply.']);
    expect(linesOf(byLabel(changes, 'Court cases'))).toEqual([
      'added: About this case: United States v. Huawei (us-v-huawei)',
    ]);
  });

  it('diffs long text by word', () => {
    const changes = changedFields(
      'claims',
      claimKeys,
      claim(),
      claim({ analysis: 'Purdy spoke on FOX Business. Nothing public shows it.' }),
      names,
    );
    expect(changes.map((c) => c.label)).toEqual(['Analysis']);
    const analysis = changes[0];
    if (analysis.type !== 'words') throw new Error('expected a word diff');
    expect(analysis.parts.filter((p) => p.kind === 'removed').map((p) => p.text.trim())).toEqual(['either way']);
    expect(analysis.parts.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual(['it']);
    expect(analysis.parts.map((p) => p.text).join('')).toContain('Purdy spoke on FOX Business. Nothing public shows');
  });

  it('treats an absent statement kind as the exact words it means, and empty as unset', () => {
    expect(changedFields('claims', claimKeys, claim(), claim({ statement_kind: 'quote', medium: '' }), names)).toEqual(
      [],
    );
    const changes = changedFields('claims', claimKeys, claim(), claim({ statement_kind: 'summary' }), names);
    const kind = byLabel(changes, 'The statement is');
    if (kind?.type !== 'value') throw new Error('expected a value change');
    expect([read(kind.before), read(kind.after)]).toEqual(['Exact words', 'Our summary']);
  });

  it('shows the first revision as the entry was created: the fields that have values', () => {
    const changes = changedFields('claims', claimKeys, null, claim(), names);
    const labels = changes.map((c) => c.label);
    expect(labels).toEqual(
      expect.arrayContaining([
        'Statement',
        'Said by',
        'Date said',
        'Verdict',
        'Topics',
        'Citations',
        'Analysis',
        'Status',
      ]),
    );
    // Nothing empty: no medium, no relations, no publication date.
    expect(labels).not.toEqual(expect.arrayContaining(['Medium']));
    expect(labels).not.toContain('Related claims');
    expect(labels).not.toContain('Published on');
  });

  it('reads other kinds by their own labels: a case’s defendants and charges, a source’s publisher and authors', () => {
    const caseDoc = (over: Snapshot = {}): Snapshot => ({
      slug: 'us-v-huawei',
      caption: 'United States v. Huawei',
      court: 'E.D.N.Y.',
      defendants: [{ entity: 'huawei-technologies', note: null }],
      charges: [
        { count: '1', statute: '18 U.S.C. § 1962(d)', description: 'Racketeering conspiracy', disposition: null },
      ],
      events: [],
      sources: [],
      summary: '',
      ...over,
    });
    const changes = changedFields(
      'cases',
      DOCUMENT_FIELDS.cases,
      caseDoc(),
      caseDoc({
        defendants: [{ entity: 'huawei-technologies', note: 'The parent company' }],
        charges: [
          {
            count: '1',
            statute: '18 U.S.C. § 1962(d)',
            description: 'Racketeering conspiracy',
            disposition: 'Pending',
          },
        ],
      }),
      names,
    );
    expect(linesOf(byLabel(changes, 'Defendants'))).toEqual([
      'removed: Huawei (huawei-technologies)',
      'added: Huawei (huawei-technologies) — The parent company',
    ]);
    expect(linesOf(byLabel(changes, 'Charges'))).toContain(
      'added: Count 1: 18 U.S.C. § 1962(d): Racketeering conspiracy (Pending)',
    );

    const source = (over: Snapshot): Snapshot => ({ slug: 's', title: 'A report', kind: 'news_report', ...over });
    const sourceChanges = changedFields(
      'sources',
      DOCUMENT_FIELDS.sources,
      source({ publisher: null, authors: ['Jane Doe'] }),
      source({ publisher: 'huawei-technologies', authors: ['Jane Doe', 'John Roe'], kind: 'analysis' }),
      names,
    );
    expect(sourceChanges.map((c) => c.label)).toEqual(['Kind of source', 'Publisher', 'Authors']);
    const kind = sourceChanges[0];
    if (kind.type !== 'value') throw new Error('expected a value change');
    expect([read(kind.before), read(kind.after)]).toEqual(['News report', 'Analysis']);
    expect(linesOf(sourceChanges[2])).toEqual(['added: John Roe']);
  });

  it('labels a key nobody described by its name, and never prints it as JSON', () => {
    const changes = changedFields(
      'cases',
      DOCUMENT_FIELDS.cases,
      { slug: 'k' },
      // docket_url was such a key until the case form gained its Docket field.
      { slug: 'k', court_room: 'Room 4' },
      names,
    );
    expect(changes).toEqual([
      expect.objectContaining({
        key: 'court_room',
        label: 'Court room',
        type: 'value',
        after: ['Room 4'],
      }),
    ]);
  });
});

describe('referenced slugs', () => {
  it('collects every slug the snapshots name, by table, for one look-up', () => {
    const slugs = referencedSlugs('claims', claimKeys, [
      claim(),
      claim({ relations: [{ kind: 'rebuts', claim: 'other-claim' }], cases: [{ case: 'us-v-huawei', role: 'cites' }] }),
    ]);
    expect(slugs.entities).toEqual(['andy-purdy']);
    expect(slugs.topics?.sort()).toEqual(['cybersecurity', 'huawei']);
    expect(slugs.sources).toEqual(['foxbiz-purdy-denial']);
    expect(slugs.verdicts).toEqual(['unproven']);
    expect(slugs.claims).toEqual(['other-claim']);
    expect(slugs.cases).toEqual(['us-v-huawei']);
  });
});

describe('diffText', () => {
  it('keeps a few words around each change of a long text and leaves the rest out', () => {
    const words = Array.from({ length: 300 }, (_, i) => `w${i}`);
    const after = [...words];
    after[150] = 'CHANGED';
    const { parts, truncated } = diffText(words.join(' '), after.join(' '), { context: 5 });
    expect(truncated).toBe(false);
    const text = parts.map((p) => p.text).join('');
    expect(text).toContain('w145 w146 w147 w148 w149');
    expect(text).not.toContain('w100 ');
    expect(parts.filter((p) => p.kind === 'gap').map((p) => p.text.trim())).toEqual([
      '[… 145 unchanged words …]',
      '[… 144 unchanged words …]',
    ]);
  });

  it('marks whole words, at the start, the end, and where one text runs on from the other', () => {
    const changed = (before: string, after: string) =>
      diffText(before, after)
        .parts.filter((p) => p.kind !== 'same')
        .map((p) => `${p.kind}: ${p.text.trim()}`);
    expect(changed('The cat sat.', 'The cats sat.')).toEqual(['removed: cat', 'added: cats']);
    expect(changed('The cat', 'The cats')).toEqual(['removed: cat', 'added: cats']);
    expect(changed('cat sat', 'bat sat')).toEqual(['removed: cat', 'added: bat']);
    expect(changed('', 'New text')).toEqual(['added: New text']);
    expect(changed('Old text', '')).toEqual(['removed: Old text']);
    expect(diffText('Same', 'Same').parts).toEqual([{ kind: 'same', text: 'Same' }]);
  });

  it('shows a rewrite as old text removed and new text added, and cuts it at the limit', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `old${i}`).join(' ');
    const after = Array.from({ length: 3000 }, (_, i) => `new${i}`).join(' ');
    const started = performance.now();
    const { parts, truncated } = diffText(before, after, { maxChangedChars: 500 });
    expect(performance.now() - started).toBeLessThan(500);
    expect(parts.map((p) => p.kind)).toEqual(['removed']);
    expect(truncated).toBe(true);
    expect(parts[0].text.length).toBeLessThanOrEqual(505);
  });
});
