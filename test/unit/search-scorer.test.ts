/**
 * Our scorer runs on the compact typed arrays instead of lunr's objects; it must rank exactly as
 * lunr's own Index#query does on the same documents and clauses. The reference is a real
 * lunr.Index built here from the same analysed fields and field boosts the shard is built from,
 * so the test checks the whole path: lunr's weights copied into typed arrays, and our scoring
 * over them.
 */
import lunr from 'lunr';
import { describe, expect, it } from 'vitest';
import {
  FIELD_BOOSTS,
  INDEX_FIELDS,
  buildShard,
  indexedFields,
  type SearchDocument,
} from '~/search/shard-format.server';
import { SearchShard, type QueryGroup } from '~/search/shard.server';

const WORDS =
  'huawei network security court claim evidence denial backdoor access officials chip rule export trade'.split(' ');

function corpus(n: number): SearchDocument[] {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const sentence = (k: number) => Array.from({ length: k }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
  return Array.from({ length: n }, (_, i) => ({
    ref: `c${i + 1}`,
    kind: 'claim' as const,
    slug: `claim-${i + 1}`,
    title: sentence(8),
    speaker: sentence(2),
    topics: sentence(1),
    body: sentence(40),
  }));
}

/** lunr's own index of the documents: the stems each field indexes, as they are, with our boosts. */
function lunrIndex(docs: SearchDocument[]): lunr.Index {
  const { fields } = indexedFields(docs);
  const builder = new lunr.Builder();
  builder.pipeline.reset();
  builder.searchPipeline.reset();
  const asTokens = (value: unknown) => (Array.isArray(value) ? value.map((s: string) => new lunr.Token(s, {})) : []);
  builder.tokenizer = asTokens as unknown as typeof lunr.tokenizer;
  builder.ref('ref');
  for (const field of INDEX_FIELDS) builder.field(field, { boost: FIELD_BOOSTS[field] });
  docs.forEach((d, i) => builder.add({ ref: d.ref, ...fields[i] }));
  return builder.build();
}

/** Groups of one single-stem alternative as lunr clauses, through lunr.Index#query. */
function lunrQuery(index: lunr.Index, groups: QueryGroup[]): lunr.Index.Result[] {
  return index.query((q) => {
    for (const g of groups) {
      // (@types/lunr lacks `presence`, which lunr 2.3 supports.)
      const options: Partial<lunr.Query.Clause> & { presence?: lunr.Query.presence } = {
        fields: g.fields,
        usePipeline: false,
        presence: g.required ? lunr.Query.presence.REQUIRED : lunr.Query.presence.OPTIONAL,
        boost: g.boost,
      };
      q.term(g.alternatives[0][0], options);
    }
  });
}

const ALL = ['title', 'speaker', 'topics', 'body'] as QueryGroup['fields'];
const single = (term: string, required: boolean, boost = 2, fields = ALL): QueryGroup => ({
  alternatives: [[term]],
  fields,
  required,
  boost,
});

describe('the typed-array scorer', () => {
  const docs = corpus(150);
  const shard = new SearchShard(buildShard(docs));
  const index = lunrIndex(docs);
  const cases: [string, QueryGroup[]][] = [
    ['one required word', [single('huawei', true)]],
    ['two required words', [single('court', true), single('evid', true)]],
    ['required and optional', [single('chip', true), single('rule', false, 1)]],
    ['optional only', [single('backdoor', false), single('export', false, 1)]],
    ['field-limited', [single('secur', true, 2, ['title'])]],
    ['unknown required word', [single('zebrafinch', true)]],
  ];

  it.each(cases)('ranks as lunr does: %s', (name, groups) => {
    const ours = shard.query(groups).results;
    const lunrs = lunrQuery(index, groups);
    if (name === 'unknown required word') expect(ours).toEqual([]);
    else expect(ours.length).toBeGreaterThan(1);
    expect(ours.map((r) => r.ref).sort()).toEqual(lunrs.map((r) => r.ref).sort());
    const lunrScore = new Map(lunrs.map((r) => [r.ref, r.score]));
    for (const r of ours) expect(r.score).toBeCloseTo(lunrScore.get(r.ref)!, 4);
  });

  it('returns nothing when a required word is absent, whatever else matches', () => {
    expect(shard.query([single('zebrafinch', true), single('huawei', false)]).results).toEqual([]);
  });
});
