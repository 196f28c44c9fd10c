/**
 * What each kind of entry contributes to search. Reads straight from SQLite so that it can run
 * in the index-building worker as well as in the server.
 */
import type Database from 'better-sqlite3';
import { markdownToText } from '../markdown.server';
import type { SearchDocument } from './shard-format.server';
import { parseRef, publicClaimPredicate } from '~/domain';

const PUBLIC_CLAIM = publicClaimPredicate('c');

const join = (values: (string | null | undefined)[], sep = ' ') => values.filter(Boolean).join(sep);

export function loadSearchDocuments(sqlite: Database.Database, refs?: string[]): SearchDocument[] {
  const ids = (prefix: string) =>
    refs
      ? refs
          .map(parseRef)
          .filter((r) => r?.prefix === prefix)
          .map((r) => r!.id)
      : null;
  const inList = (column: string, list: number[] | null) =>
    list === null ? '1' : list.length === 0 ? '0' : `${column} in (${list.join(',')})`;
  const docs: SearchDocument[] = [];

  const claimRows = sqlite
    .prepare(
      `select c.id, c.slug, c.statement, c.statement_kind as statementKind, c.claimed_on as date, c.venue, c.medium, c.verdict_id as verdict,
        c.verdict_explanation as explanation, c.analysis, v.label as verdictLabel,
        e.name as speakerName, e.role as speakerRole, e.slug as speakerSlug,
        (select group_concat(t.name, ' | ') from claim_topics ct join topics t on t.id = ct.topic_id where ct.claim_id = c.id) as topicNames,
        (select group_concat(t.slug, ' ') from claim_topics ct join topics t on t.id = ct.topic_id where ct.claim_id = c.id) as topicSlugs,
        (select group_concat(ci.quote, ' ') from citations ci where ci.claim_id = c.id) as quotes
       from claims c left join verdicts v on v.id = c.verdict_id left join entities e on e.id = c.speaker_id
       where ${PUBLIC_CLAIM} and ${inList('c.id', ids('c'))}`,
    )
    .all() as Record<string, string | null>[];
  for (const r of claimRows) {
    docs.push({
      ref: `c${r.id}`,
      kind: 'claim',
      slug: r.slug!,
      title: r.statement!,
      statementKind: r.statementKind === 'summary' ? 'summary' : 'quote',
      speaker: join([r.speakerName, r.speakerRole]),
      topics: r.topicNames ?? '',
      body: join([r.verdictLabel, r.explanation, r.venue, r.medium, markdownToText(r.analysis ?? '')]),
      quotes: r.quotes ?? '',
      verdict: r.verdict,
      topicSlugs: r.topicSlugs ? r.topicSlugs.split(' ') : [],
      speakerSlug: r.speakerSlug,
      date: r.date,
    });
  }

  const entityRows = sqlite
    .prepare(
      `select e.id, e.slug, e.kind, e.name, e.role, e.description, a.name as affiliation
       from entities e left join entities a on a.id = e.affiliation_id where ${inList('e.id', ids('e'))}`,
    )
    .all() as Record<string, string | null>[];
  for (const r of entityRows) {
    docs.push({
      ref: `e${r.id}`,
      kind: r.kind === 'person' ? 'person' : 'organisation',
      slug: r.slug!,
      title: r.name!,
      speaker: join([r.role, r.affiliation]),
      topics: '',
      body: markdownToText(r.description ?? ''),
    });
  }

  const sourceRows = sqlite
    .prepare(
      `select s.id, s.slug, s.title, s.kind, s.published_on as date, s.authors, s.note, p.name as publisher, p.slug as publisherSlug
       from sources s left join entities p on p.id = s.publisher_id where ${inList('s.id', ids('s'))}`,
    )
    .all() as Record<string, string | null>[];
  for (const r of sourceRows) {
    let authors: string[] = [];
    try {
      authors = JSON.parse(r.authors ?? '[]') as string[];
    } catch {
      authors = [];
    }
    docs.push({
      ref: `s${r.id}`,
      kind: 'source',
      slug: r.slug!,
      title: r.title!,
      speaker: join([r.publisher, ...authors]),
      topics: '',
      body: join([r.kind?.replace(/_/g, ' '), markdownToText(r.note ?? '')]),
      speakerSlug: r.publisherSlug,
      date: r.date,
    });
  }

  const caseRows = sqlite
    .prepare(
      `select k.id, k.slug, k.caption, k.court, k.case_number as caseNumber, k.jurisdiction, k.judge, k.filed_on as date,
        k.status, k.summary,
        (select group_concat(e.name, ' | ') from case_defendants d join entities e on e.id = d.entity_id where d.case_id = k.id) as defendants,
        (select group_concat(coalesce(ch.statute, '') || ' ' || ch.description, ' | ') from charges ch where ch.case_id = k.id) as charges,
        (select group_concat(ev.description, ' ') from case_events ev where ev.case_id = k.id) as events
       from cases k where ${inList('k.id', ids('k'))}`,
    )
    .all() as Record<string, string | null>[];
  for (const r of caseRows) {
    docs.push({
      ref: `k${r.id}`,
      kind: 'case',
      slug: r.slug!,
      title: join([r.caption, r.caseNumber]),
      speaker: r.defendants ?? '',
      topics: '',
      body: join([r.court, r.jurisdiction, r.judge, r.status, r.charges, r.events, markdownToText(r.summary ?? '')]),
      date: r.date,
    });
  }

  const topicRows = sqlite
    .prepare(`select t.id, t.slug, t.name, t.description from topics t where ${inList('t.id', ids('t'))}`)
    .all() as Record<string, string | null>[];
  for (const r of topicRows) {
    docs.push({
      ref: `t${r.id}`,
      kind: 'topic',
      slug: r.slug!,
      title: r.name!,
      speaker: '',
      topics: r.name!,
      body: r.description ?? '',
    });
  }
  return docs;
}
