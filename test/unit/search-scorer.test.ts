/**
 * Our scorer runs on the compact typed arrays instead of lunr's objects; it must rank exactly as
 * lunr's own Index#query does on the same shard and clauses.
 */
import { describe, expect, it } from 'vitest';
import { buildShard, SearchShard, type QueryGroup, type SearchDocument } from '~/search/engine.server';

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

const ALL = ['title', 'speaker', 'topics', 'body'] as QueryGroup['fields'];
const single = (term: string, required: boolean, boost = 2, fields = ALL): QueryGroup => ({
  alternatives: [[term]],
  fields,
  required,
  boost,
});

describe('the typed-array scorer', () => {
  const shard = new SearchShard(buildShard(corpus(150)));
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
    const lunrs = shard.lunrQuery(groups);
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
