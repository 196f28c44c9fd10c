/**
 * The link-check rules without a network (issue 14, link rot): what each answer means, which
 * headers make a request conditional, the per-host lanes' spacing and pool, and the schedule's
 * one-process lease in site_meta (real SQLite, this file's own database).
 */
import { describe, expect, it } from 'vitest';
import { classifyCheck, conditionalHeaders, isMove, type FetchedAnswer } from '../../app/capture/check-outcome';
import { laneHost, runPerHost } from '../../app/capture/host-lanes';
import { sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { checkLeaseHolder, claimCheckLease, releaseCheckLease } from '../../app/models/source-check-schedule.server';
import {
  recordSourceCheck,
  sourceStatus,
  sourcesNeedingAttention,
  type SourceCheckRow,
} from '../../app/models/source-checks.server';

const URL_A = 'https://news.example/2020/story';
const fresh = { sha256: null, etag: null, lastModified: null };
const held = { sha256: 'aaa', etag: '"v1"', lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT' };
const answer = (status: number, sha256 = 'aaa', finalUrl = URL_A): FetchedAnswer => ({
  ok: true,
  status,
  finalUrl,
  sha256,
  etag: null,
  lastModified: null,
});

describe('what a check found', () => {
  it('200 with the bytes we hold is ok; other bytes are changed; a first sighting is ok', () => {
    expect(classifyCheck(URL_A, answer(200), held).outcome).toBe('ok');
    const changed = classifyCheck(URL_A, answer(200, 'bbb'), held);
    expect(changed).toMatchObject({ outcome: 'changed', sha256: 'bbb', httpStatus: 200, error: null });
    expect(classifyCheck(URL_A, answer(200, 'bbb'), fresh).outcome).toBe('ok');
  });

  it('304 is ok and keeps the hash and validators we had', () => {
    expect(classifyCheck(URL_A, answer(304, ''), held)).toMatchObject({
      outcome: 'ok',
      httpStatus: 304,
      sha256: 'aaa',
      etag: '"v1"',
      lastModified: held.lastModified,
    });
  });

  it('a redirect that ends at another page is moved, with where to; the same page spelled otherwise is not', () => {
    const moved = classifyCheck(URL_A, answer(200, 'aaa', 'https://news.example/archive/story'), held);
    expect(moved).toMatchObject({ outcome: 'moved', location: 'https://news.example/archive/story' });
    expect(isMove(URL_A, 'http://www.news.example/2020/story/')).toBe(false);
    expect(classifyCheck(URL_A, answer(200, 'aaa', 'https://www.news.example/2020/story/'), held).outcome).toBe('ok');
  });

  it('404 and 410 are gone, even at the end of a redirect', () => {
    expect(classifyCheck(URL_A, answer(404), held)).toMatchObject({ outcome: 'gone', httpStatus: 404 });
    expect(classifyCheck(URL_A, answer(410), held).error).toMatch(/gone for good/);
    expect(classifyCheck(URL_A, answer(404, 'x', 'https://news.example/404'), held)).toMatchObject({
      outcome: 'gone',
      location: 'https://news.example/404',
      sha256: 'aaa',
    });
  });

  it('server errors, blocks, and every refusal are unreachable with a sentence', () => {
    expect(classifyCheck(URL_A, answer(503), held)).toMatchObject({ outcome: 'unreachable', httpStatus: 503 });
    expect(classifyCheck(URL_A, answer(403), held).error).toMatch(/refused us/);
    expect(classifyCheck(URL_A, answer(429), held).error).toMatch(/slow down/);
    const timeout = classifyCheck(URL_A, { ok: false, reason: 'timeout', message: '', redirected: false }, held);
    expect(timeout).toMatchObject({ outcome: 'unreachable', httpStatus: null, sha256: 'aaa' });
    expect(timeout.error).toMatch(/did not answer in time/);
    const refused = classifyCheck(
      URL_A,
      { ok: false, reason: 'refused-address', message: 'The address is private: 10.0.0.5.', redirected: true },
      held,
    );
    expect(refused.error).toBe('The address redirects, and then: The address is private: 10.0.0.5.');
  });

  it('a conditional request sends back the validators we were given', () => {
    expect(conditionalHeaders(held)).toEqual({ 'If-None-Match': '"v1"', 'If-Modified-Since': held.lastModified });
    expect(conditionalHeaders(fresh)).toEqual({});
  });
});

describe('per-host lanes', () => {
  it('spaces the requests to one host and runs hosts side by side, at most hostsAtOnce', async () => {
    const starts: Record<string, number[]> = {};
    let active = 0;
    let mostActive = 0;
    const items = ['a', 'a', 'a', 'b', 'b', 'c', 'd'].map((h, i) => ({ url: `http://${h}.example:81/${i}` }));
    const t0 = Date.now();
    const reports = await runPerHost(
      items,
      (item) => laneHost(item.url),
      (item, lane) =>
        lane.request(async () => {
          active += 1;
          mostActive = Math.max(mostActive, active);
          (starts[laneHost(item.url)] ??= []).push(Date.now() - t0);
          await new Promise((r) => setTimeout(r, 20));
          active -= 1;
        }),
      { intervalMs: 150, hostsAtOnce: 2 },
    );
    expect(mostActive).toBe(2);
    const a = starts['a.example:81'];
    expect(a).toHaveLength(3);
    // 150 ms after the previous request (20 ms long) ended.
    expect(a[1] - a[0]).toBeGreaterThanOrEqual(169);
    expect(a[2] - a[1]).toBeGreaterThanOrEqual(169);
    const report = reports.find((r) => r.host === 'a.example:81')!;
    expect(report.requests).toBe(3);
    expect(report.smallestGapMs).toBeGreaterThanOrEqual(169);
    expect(reports.find((r) => r.host === 'c.example:81')?.smallestGapMs).toBeNull();
  });

  it('goes on with a host’s other sources when one throws', async () => {
    const done: number[] = [];
    await runPerHost(
      [1, 2, 3],
      () => 'one',
      async (n) => {
        if (n === 2) throw new Error('boom');
        done.push(n);
      },
      { intervalMs: 0, hostsAtOnce: 1 },
    );
    expect(done).toEqual([1, 3]);
  });
});

describe('the schedule’s lease', () => {
  it('lets one holder at a time run, until it releases or its lease expires', () => {
    const now = Date.now();
    expect(claimCheckLease('first', 60_000, now)).toBe(true);
    expect(claimCheckLease('second', 60_000, now + 1_000)).toBe(false);
    expect(claimCheckLease('first', 60_000, now + 2_000)).toBe(true);
    expect(checkLeaseHolder(now + 3_000)).toBe('first');
    expect(claimCheckLease('second', 60_000, now + 62_001)).toBe(true);
    releaseCheckLease('first');
    expect(checkLeaseHolder(now + 62_002)).toBe('second');
    releaseCheckLease('second');
    expect(checkLeaseHolder()).toBeNull();
    expect(claimCheckLease('third', 60_000)).toBe(true);
    releaseCheckLease('third');
  });
});

describe('sources needing attention', () => {
  const source = (slug: string) =>
    getDb().get<{ id: number }>(
      sql`insert into sources (slug, title, url) values (${slug}, ${slug}, ${`https://example.org/${slug}`}) returning id`,
    ).id;
  const check = (id: number, day: number, outcome: SourceCheckRow['outcome'], location: string | null = null) =>
    recordSourceCheck(id, new Date(Date.now() - (10 - day) * 86_400_000).toISOString(), {
      outcome,
      httpStatus: null,
      location,
      sha256: null,
      etag: null,
      lastModified: null,
      error: outcome === 'ok' ? null : 'why',
    });

  it('calls a source dead only after the last N checks all failed, and lists moved and changed ones', () => {
    const recovered = source('recovered');
    check(recovered, 1, 'gone');
    check(recovered, 2, 'gone');
    check(recovered, 3, 'ok');
    const once = source('once');
    check(once, 1, 'ok');
    check(once, 2, 'gone');
    const dead = source('dead');
    check(dead, 1, 'ok');
    check(dead, 2, 'unreachable');
    check(dead, 3, 'gone');
    const moved = source('moved');
    check(moved, 3, 'moved', 'https://example.org/elsewhere');
    const changed = source('changed');
    check(changed, 2, 'changed');
    check(changed, 3, 'ok');
    const attention = sourcesNeedingAttention();
    expect(attention.deadAfter).toBe(2);
    expect(attention.dead.map((s) => s.slug)).toEqual(['dead']);
    expect(attention.dead[0].lastSeenAt?.slice(0, 10)).toBe(
      new Date(Date.now() - 9 * 86_400_000).toISOString().slice(0, 10),
    );
    expect(attention.moved.map((s) => [s.slug, s.location])).toEqual([['moved', 'https://example.org/elsewhere']]);
    expect(attention.changed.map((s) => s.slug)).toEqual(['changed']);
    expect(sourceStatus(dead)).toMatchObject({ dead: true, latest: { outcome: 'gone' }, capture: null });
    expect(sourceStatus(once)).toMatchObject({ dead: false, latest: { outcome: 'gone' } });
    expect(sourceStatus(source('never')).latest).toBeNull();
  });
});
