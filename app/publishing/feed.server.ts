/**
 * Atom 1.0 feeds of published claims (RFC 4287): the whole site, one topic, or one speaker.
 * Entries are ordered by when a claim last changed, so corrections and new verdicts reach readers.
 */
import { sql, type SQL } from 'drizzle-orm';
import { getDb } from '../../db/client';
import type { EntityKind } from '~/domain';
import { markdownToText } from '~/markdown.server';
import { claimSummaryColumns, claimSummaryJoins, toClaimSummary, type ClaimSummary } from '~/models/claim.server';
import { publisherName } from '~/publishing/site.server';
import { publicClaim } from '~/models/public-claims.server';
import { correctionKindLabel, entityEntryKind, pathOf, statementText } from '~/domain';
import { latestPublicLog, type PublicLogEntry } from '~/models/corrections.server';

export const FEED_ENTRY_LIMIT = 50;
const TITLE_LIMIT = 140;

/** XML 1.0 forbids most C0 controls, lone surrogates and U+FFFE/U+FFFF even when escaped. */
const XML_ILLEGAL =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe inside an XML element or a double- or single-quoted attribute. */
export function xmlEscape(text: string): string {
  return text
    .replace(XML_ILLEGAL, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** RFC 3339 from the database's unix seconds. */
export function rfc3339(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace(/\.000Z$/, 'Z');
}

function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

interface FeedClaim extends ClaimSummary {
  verdictExplanation: string;
  publishedAt: number;
  updatedAt: number;
  topics: { slug: string; name: string }[];
}

function selectFeedClaims(where: SQL): FeedClaim[] {
  const db = getDb();
  const rows = db.all<Parameters<typeof toClaimSummary>[0] & Record<string, unknown>>(
    sql`select ${claimSummaryColumns}, c.verdict_explanation as verdictExplanation,
        coalesce(c.published_at, c.created_at) as publishedAt, c.updated_at as updatedAt
        ${claimSummaryJoins}
        where ${publicClaim('c')} and (${where})
        order by c.updated_at desc, c.id desc limit ${FEED_ENTRY_LIMIT}`,
  );
  if (rows.length === 0) return [];
  const ids = sql.join(
    rows.map((r) => sql`${r.id}`),
    sql`, `,
  );
  const topicRows = db.all<{ claimId: number; slug: string; name: string }>(
    sql`select ct.claim_id as claimId, t.slug, t.name from claim_topics ct join topics t on t.id = ct.topic_id
        where ct.claim_id in (${ids}) order by t.name`,
  );
  return rows.map((row) => ({
    ...toClaimSummary(row),
    verdictExplanation: row.verdictExplanation as string,
    publishedAt: row.publishedAt as number,
    updatedAt: Math.max(row.updatedAt as number, row.publishedAt as number),
    topics: topicRows.filter((t) => t.claimId === row.id).map(({ slug, name }) => ({ slug, name })),
  }));
}

export interface Feed {
  title: string;
  subtitle: string;
  /** Site path of the feed itself and of the page it mirrors, e.g. /topics/huawei/feed.xml. */
  selfPath: string;
  pagePath: string;
  claims: FeedClaim[];
}

export function getSiteFeed(): Feed {
  return {
    title: `${publisherName()}: latest fact-checks`,
    subtitle: 'Newly published and updated claims, with their verdicts.',
    selfPath: '/feed.xml',
    pagePath: '/claims',
    claims: selectFeedClaims(sql`1`),
  };
}

export function getTopicFeed(slug: string): Feed | null {
  const topic = getDb().get<{ id: number; slug: string; name: string } | undefined>(
    sql`select id, slug, name from topics where slug = ${slug}`,
  );
  if (!topic) return null;
  return {
    title: `${publisherName()}: ${topic.name}`,
    subtitle: `Fact-checked claims about ${topic.name}.`,
    selfPath: `/topics/${topic.slug}/feed.xml`,
    pagePath: pathOf('topics', topic.slug),
    claims: selectFeedClaims(
      sql`exists (select 1 from claim_topics ct where ct.claim_id = c.id and ct.topic_id = ${topic.id})`,
    ),
  };
}

/** Claims made by one person or organisation. */
export function getSpeakerFeed(kind: EntityKind, slug: string): Feed | null {
  const entity = getDb().get<{ id: number; slug: string; name: string } | undefined>(
    sql`select id, slug, name from entities where slug = ${slug} and kind = ${kind}`,
  );
  if (!entity) return null;
  const page = pathOf(entityEntryKind(kind), entity.slug);
  return {
    title: `${publisherName()}: claims by ${entity.name}`,
    subtitle: `Fact-checked claims made by ${entity.name}.`,
    selfPath: `${page}/feed.xml`,
    pagePath: page,
    claims: selectFeedClaims(sql`c.speaker_id = ${entity.id}`),
  };
}

function entrySummary(claim: FeedClaim): string {
  const verdict = claim.verdict ? `${claim.verdict.label}.` : 'Not yet rated.';
  const retracted = claim.status === 'retracted' ? 'Retracted. ' : '';
  const explanation = markdownToText(claim.verdictExplanation).replace(/\s+/g, ' ').trim();
  return `${retracted}${verdict}${explanation ? ` ${explanation}` : ''}`;
}

/** The feed as an Atom document; every link absolute against `baseUrl` (no trailing slash). */
export function renderAtomFeed(feed: Feed, baseUrl: string): string {
  const abs = (path: string) => baseUrl + path;
  const updated = feed.claims.length ? Math.max(...feed.claims.map((c) => c.updatedAt)) : Math.floor(Date.now() / 1000);
  const publisher = xmlEscape(publisherName());
  const entries = feed.claims.map((claim) => {
    const url = abs(pathOf('claims', claim.slug));
    const who = `${claim.speaker?.name ?? 'Unattributed'}: `;
    // Truncated inside the marks, so a quotation stays closed and a summary keeps its label.
    const room = TITLE_LIMIT - who.length - (claim.statementKind === 'summary' ? 'Our summary: '.length : 2);
    const title = who + statementText(truncate(claim.statement, room), claim.statementKind);
    const categories = claim.topics.map(
      (t) =>
        `    <category term="${xmlEscape(t.slug)}" label="${xmlEscape(t.name)}" scheme="${xmlEscape(abs('/topics/'))}"/>`,
    );
    return [
      '  <entry>',
      `    <id>${xmlEscape(url)}</id>`,
      `    <title type="text">${xmlEscape(title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(url)}"/>`,
      `    <published>${rfc3339(claim.publishedAt)}</published>`,
      `    <updated>${rfc3339(claim.updatedAt)}</updated>`,
      `    <author><name>${publisher}</name><uri>${xmlEscape(abs('/about'))}</uri></author>`,
      `    <summary type="text">${xmlEscape(entrySummary(claim))}</summary>`,
      ...categories,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xmlEscape(abs(feed.selfPath))}</id>`,
    `  <title type="text">${xmlEscape(feed.title)}</title>`,
    `  <subtitle type="text">${xmlEscape(feed.subtitle)}</subtitle>`,
    `  <updated>${rfc3339(updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(abs(feed.selfPath))}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(abs(feed.pagePath))}"/>`,
    `  <author><name>${publisher}</name><uri>${xmlEscape(abs('/about'))}</uri></author>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

const FEED_HEADERS = {
  'Content-Type': 'application/atom+xml; charset=utf-8',
  'Cache-Control': 'public, max-age=300',
};

/** The HTTP answer for a feed route: the document, or a plain 404 when the topic or speaker is unknown. */
export function atomResponse(feed: Feed | null, baseUrl: string, missing: string): Response {
  if (!feed) {
    return new Response(missing, { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  return new Response(renderAtomFeed(feed, baseUrl), { headers: FEED_HEADERS });
}

// ---------------------------------------------------------------------------------------------
// The public log: /corrections.xml

export const CORRECTIONS_PATH = '/corrections';

/**
 * Every correction, update, retraction and republication as an Atom entry, newest first. An
 * entry's id is its place in the site-wide log (`/corrections#correction-12`), which stays put when
 * a claim is renamed; its link goes to the entry on the claim's own page.
 */
export function renderCorrectionsFeed(entries: PublicLogEntry[], baseUrl: string): string {
  const abs = (path: string) => baseUrl + path;
  const self = abs(`${CORRECTIONS_PATH}.xml`);
  const updated = entries.length ? Math.max(...entries.map((e) => e.createdAt)) : Math.floor(Date.now() / 1000);
  const publisher = xmlEscape(publisherName());
  const items = entries.map((entry) => {
    const url = abs(`${pathOf('claims', entry.claim.slug)}#correction-${entry.id}`);
    const label = correctionKindLabel[entry.kind];
    const who = `${label}: ${entry.claim.speakerName ?? 'Unattributed'}: `;
    // As in the claims feed: truncated inside the marks, a summary labelled as ours.
    const room = TITLE_LIMIT - who.length - (entry.claim.statementKind === 'summary' ? 'Our summary: '.length : 2);
    const title = who + statementText(truncate(entry.claim.statement, room), entry.claim.statementKind);
    return [
      '  <entry>',
      `    <id>${xmlEscape(abs(`${CORRECTIONS_PATH}#correction-${entry.id}`))}</id>`,
      `    <title type="text">${xmlEscape(title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(url)}"/>`,
      `    <published>${rfc3339(entry.createdAt)}</published>`,
      `    <updated>${rfc3339(entry.createdAt)}</updated>`,
      `    <summary type="text">${xmlEscape(`${label}. ${entry.note}`)}</summary>`,
      `    <category term="${entry.kind}" label="${xmlEscape(label)}"/>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xmlEscape(self)}</id>`,
    `  <title type="text">${xmlEscape(`${publisherName()}: corrections and updates`)}</title>`,
    `  <subtitle type="text">Every correction, update, retraction and republication, newest first.</subtitle>`,
    `  <updated>${rfc3339(updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(abs(CORRECTIONS_PATH))}"/>`,
    `  <author><name>${publisher}</name><uri>${xmlEscape(abs('/about'))}</uri></author>`,
    ...items,
    '</feed>',
    '',
  ].join('\n');
}

/** The HTTP answer for /corrections.xml: the newest entries of the public log. */
export function correctionsFeedResponse(baseUrl: string): Response {
  return new Response(renderCorrectionsFeed(latestPublicLog(FEED_ENTRY_LIMIT), baseUrl), { headers: FEED_HEADERS });
}
