/**
 * A claim's and a case's editing page is one form (issue 11, newsroom trial P5, P7, P9, P11),
 * over real HTTP as a browser without JavaScript posts it: every action saves the typed fields
 * first; a refusal brings back everything typed, in the fields and in every panel; an identical
 * citation is refused; a claim is linked to a court case and unlinked (asked first); a
 * correction is one submission.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../../scripts/lib/server';
import { createEditor, pageFormBody, signIn } from '../fixtures';

let server: StartedServer;
let cookie = '';
let reviewer = '';

function sql<T = unknown>(query: string, ...params: unknown[]): T {
  const db = new Database(server.databasePath);
  try {
    const statement = db.prepare(query);
    return (statement.reader ? statement.all(...params) : statement.run(...params)) as T;
  } finally {
    db.close();
  }
}
const idOf = (table: string, slug: string) =>
  sql<{ id: number }[]>(`select id from ${table} where slug = ?`, slug)[0].id;

function post(pathname: string, fields: Record<string, string> | URLSearchParams, as = cookie) {
  return fetch(server.url + pathname, {
    method: 'POST',
    body: fields instanceof URLSearchParams ? fields : new URLSearchParams(fields),
    headers: { Origin: server.url, Cookie: as },
    redirect: 'manual',
  });
}
const page = async (pathname: string, as = cookie) =>
  (await (await fetch(server.url + pathname, { headers: { Cookie: as } })).text()).replaceAll('<!-- -->', '');
const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)![1];
const text = async (res: Response) => (await res.text()).replaceAll('<!-- -->', '');

/** The claim's own fields as its page posts them. */
const claimFields = (over: Record<string, string> = {}) => ({
  statement: 'The one-form editor kept every Wrenfield word.',
  statementKind: 'quote',
  slug: '',
  speakerId: '',
  claimedOn: '2020-03-06',
  venue: 'A briefing',
  medium: '',
  verdictId: 'unproven',
  verdictExplanation: 'Nothing settles it.',
  analysis: 'The first analysis.',
  language: 'en',
  editSummary: '',
  ...over,
});

let drafts = 0;
async function draftClaim(over: Record<string, string> = {}) {
  drafts += 1;
  const created = await post(
    '/editor/claims/new',
    claimFields({ slug: `one-form-claim-${drafts}`, intent: 'save', ...over }),
  );
  expect(created.status).toBe(302);
  const id = Number(/\/editor\/claims\/(\d+)/.exec(created.headers.get('location') ?? '')![1]);
  return { id, at: `/editor/claims/${id}`, slug: `one-form-claim-${drafts}` };
}
const citations = (claimId: number) =>
  sql<{ quote: string | null }[]>('select quote from citations where claim_id = ? order by position', claimId);

beforeAll(async () => {
  server = await startServer();
  cookie = await signIn(server, await createEditor(server, { name: 'Page Editor' }));
  reviewer = await signIn(server, await createEditor(server, { name: 'Page Reviewer' }), { ip: '10.7.0.2' });
});

afterAll(async () => {
  await server?.stop();
});

describe('the claim page as one form', () => {
  it('saves the typed fields and adds the citation in one submission; the citation fields come back empty', async () => {
    const claim = await draftClaim();
    const res = await post(claim.at, {
      ...claimFields({ slug: claim.slug, analysis: 'Analysis typed before citing.' }),
      version: '1',
      intent: 'add-citation',
      'citation.sourceId': String(idOf('sources', 'foxbiz-purdy-denial')),
      'citation.role': 'reports',
      'citation.quote': 'every Wrenfield word',
      'citation.locator': 'paragraph 2',
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`${claim.at}?saved=edited`);
    expect(
      sql<{ analysis: string; version: number }[]>('select analysis, version from claims where id = ?', claim.id)[0],
    ).toEqual({
      analysis: 'Analysis typed before citing.',
      version: 3,
    });
    expect(citations(claim.id)).toEqual([{ quote: 'every Wrenfield word' }]);
    const html = await page(claim.at);
    expect(html).toContain('Analysis typed before citing.');
    expect(html).toMatch(/<textarea id="citation-quote" name="citation.quote"[^>]*><\/textarea>/);
    expect(html).toMatch(/id="citation-locator"[^>]*value=""/);
  });

  it('refuses an identical citation (same source, role and quote, spacing aside) with 400 and says why', async () => {
    const claim = await draftClaim();
    const cite = (quote: string, version: string) =>
      post(claim.at, {
        intent: 'add-citation',
        version,
        'citation.sourceId': String(idOf('sources', 'law360-not-guilty')),
        'citation.role': 'evidence_for',
        'citation.quote': quote,
        'citation.locator': '',
      });
    expect((await cite('Huawei pleaded not guilty', '1')).status).toBe(302);
    const twice = await cite('  Huawei   pleaded\nnot guilty ', '2');
    expect(twice.status).toBe(400);
    const html = await text(twice);
    expect(html).toMatch(
      /id="citation-source-error"[^>]*>This claim already cites “[^”]+” as “Evidence for” with the same quote\./,
    );
    expect(html).toContain('  Huawei   pleaded\nnot guilty </textarea>');
    expect(citations(claim.id)).toHaveLength(1);
    // Another role is another citation.
    const other = await post(claim.at, {
      intent: 'add-citation',
      version: '2',
      'citation.sourceId': String(idOf('sources', 'law360-not-guilty')),
      'citation.role': 'context',
      'citation.quote': 'Huawei pleaded not guilty',
    });
    expect(other.status).toBe(302);
  });

  it('brings back everything typed, fields and every panel, when a panel refuses', async () => {
    const claim = await draftClaim();
    const typed = {
      ...claimFields({ slug: claim.slug, analysis: 'An analysis typed before a refused citation.' }),
      editSummary: 'Typed the analysis',
      version: '1',
      intent: 'add-citation',
      'citation.sourceId': '',
      'citation.sourceId__text': '',
      'citation.role': 'context',
      'citation.quote': 'A quote with no source yet',
      'citation.locator': 'page 9',
      'relation.kind': 'supports',
      'relation.note': 'A relation note typed meanwhile',
      'cases.role': 'cites',
      'cases.note': 'A case note typed meanwhile',
      'desk.reason': 'A decline reason typed meanwhile',
    };
    const refused = await post(claim.at, typed);
    expect(refused.status).toBe(400);
    const html = await text(refused);
    expect(html).toMatch(/id="citation-source-error"[^>]*>Choose a source\./);
    expect(html).toContain('An analysis typed before a refused citation.</textarea>');
    expect(html).toContain('A quote with no source yet</textarea>');
    expect(html).toMatch(/id="citation-locator"[^>]*value="page 9"/);
    expect(html).toMatch(/<option value="context" selected="">/);
    expect(html).toMatch(/<option value="supports" selected="">/);
    expect(html).toMatch(/id="relation-note"[^>]*value="A relation note typed meanwhile"/);
    expect(html).toMatch(/id="case-link-note"[^>]*value="A case note typed meanwhile"/);
    expect(html).toContain('A decline reason typed meanwhile</textarea>');
    // The fields were valid, so they were saved first (with their summary, which does not come back).
    expect(sql<{ analysis: string }[]>('select analysis from claims where id = ?', claim.id)[0].analysis).toBe(
      'An analysis typed before a refused citation.',
    );
    expect(html).toMatch(/id="edit-summary"[^>]*value=""/);
  });

  it.each([
    ['add-citation', 'citation-source-error', 'Choose a source.'],
    ['add-relation', 'relation-other-error', 'Choose the other claim.'],
    ['add-case-link', 'case-link-case-error', 'Choose a court case.'],
    ['status:publish', 'status-title', 'at least one citation'],
    ['desk-decline', 'desk-reason-error', 'Say why this claim is declined.'],
    ['desk-due', 'desk-due-error', ''],
  ])('%s refused: every value typed anywhere on the page comes back', async (intent, errorId, message) => {
    const claim = await draftClaim();
    const html = await page(claim.at);
    const typed = {
      analysis: `Analysis typed before ${intent} was refused.`,
      'citation.sourceId__text': '',
      'citation.quote': 'A quote typed meanwhile',
      'citation.locator': 'page 9',
      'relation.note': 'A relation note typed meanwhile',
      'cases.note': 'A case note typed meanwhile',
      'desk.reason': intent === 'desk-decline' ? '  ' : 'A decline reason typed meanwhile',
      'desk.dueOn': '2027-02-30',
    };
    const refused = await post(claim.at, pageFormBody(html, { ...typed, intent }));
    expect(refused.status).toBe(400);
    const body = await text(refused);
    expect(body).toContain(`id="${errorId}"`);
    expect(body).toContain(message);
    expect(body).toContain(`${typed.analysis}</textarea>`);
    expect(body).toContain('A quote typed meanwhile</textarea>');
    expect(body).toMatch(/id="citation-locator"[^>]*value="page 9"/);
    expect(body).toMatch(/id="relation-note"[^>]*value="A relation note typed meanwhile"/);
    expect(body).toMatch(/id="case-link-note"[^>]*value="A case note typed meanwhile"/);
    expect(body).toContain(`${typed['desk.reason']}</textarea>`);
    expect(body).toMatch(/id="desk-due"[^>]*value="2027-02-30"/);
  });

  it('does nothing else when the fields are not valid, and brings every value back', async () => {
    const claim = await draftClaim();
    const refused = await post(claim.at, {
      ...claimFields({ slug: claim.slug, claimedOn: '2020-02-30', analysis: 'Analysis with a bad date above it.' }),
      version: '1',
      intent: 'add-citation',
      'citation.sourceId': String(idOf('sources', 'foxbiz-purdy-denial')),
      'citation.role': 'reports',
      'citation.quote': 'A quote kept while the date is wrong',
    });
    expect(refused.status).toBe(400);
    const html = await text(refused);
    expect(html).toMatch(/id="claimedOn-error"[^>]*>Use a real date/);
    expect(html).toContain('nothing was saved yet, and nothing else was done');
    expect(html).toMatch(/id="field-claimedOn"[^>]*value="2020-02-30"/);
    expect(html).toContain('Analysis with a bad date above it.</textarea>');
    expect(html).toContain('A quote kept while the date is wrong</textarea>');
    expect(citations(claim.id)).toEqual([]);
    expect(sql<{ version: number }[]>('select version from claims where id = ?', claim.id)[0].version).toBe(1);
  });

  it('without JavaScript, saving keeps what was typed in a panel (the page is drawn again, not redirected)', async () => {
    const claim = await draftClaim();
    const saved = await post(claim.at, {
      ...claimFields({ slug: claim.slug, venue: 'A changed venue' }),
      version: '1',
      'citation.role': 'made_in',
      'citation.quote': 'Typed into the citation, then Save changes',
    });
    expect(saved.status).toBe(200);
    const html = await text(saved);
    expect(html).toContain('Saved.');
    expect(html).toContain('Typed into the citation, then Save changes</textarea>');
    expect(html).toMatch(/name="version" value="2"/);
    // Nothing typed in a panel: the usual redirect.
    const again = await post(claim.at, { ...claimFields({ slug: claim.slug, venue: 'Changed again' }), version: '2' });
    expect(again.status).toBe(302);
  });

  it('refuses an unknown action before saving anything', async () => {
    const claim = await draftClaim();
    const res = await post(claim.at, {
      ...claimFields({ slug: claim.slug, venue: 'Not saved' }),
      version: '1',
      intent: 'explode',
    });
    expect(res.status).toBe(400);
    expect(await text(res)).toContain('Unknown action.');
    expect(sql<{ venue: string }[]>('select venue from claims where id = ?', claim.id)[0].venue).toBe('A briefing');
  });

  it('asks before removing a citation (a page without JavaScript answers the question), then removes it', async () => {
    const claim = await draftClaim();
    await post(claim.at, {
      intent: 'add-citation',
      version: '1',
      'citation.sourceId': String(idOf('sources', 'foxbiz-purdy-denial')),
      'citation.role': 'reports',
    });
    const [{ id }] = sql<{ id: number }[]>('select id from citations where claim_id = ?', claim.id);
    const asked = await post(claim.at, { intent: `remove-citation:${id}`, version: '2', 'citation.quote': 'kept' });
    expect(asked.status).toBe(200);
    const html = await text(asked);
    expect(html).toContain('Remove this citation from the claim?');
    expect(html).toMatch(
      new RegExp(
        `<button type="submit" name="intent" value="remove-citation:${id}" class="button--danger" autofocus="">Yes, remove it`,
      ),
    );
    expect(html).toContain(`name="confirmed" value="remove-citation:${id}"`);
    expect(html).toContain('kept</textarea>');
    expect(citations(claim.id)).toHaveLength(1);
    const removed = await post(claim.at, {
      intent: `remove-citation:${id}`,
      confirmed: `remove-citation:${id}`,
      version: '2',
    });
    expect(removed.status).toBe(302);
    expect(citations(claim.id)).toEqual([]);
  });

  it('links a claim to a court case and unlinks it; the revision records the link', async () => {
    const claim = await draftClaim();
    const caseId = idOf('cases', 'us-v-huawei-edny');
    const link = (version: string) =>
      post(claim.at, {
        intent: 'add-case-link',
        version,
        'cases.caseId': String(caseId),
        'cases.role': 'about',
        'cases.note': 'The claim is about the charges.',
      });
    expect((await link('1')).status).toBe(302);
    const html = await page(claim.at);
    expect(html).toContain('Court cases (1)');
    expect(html).toMatch(/About this case: <a [^>]*href="\/cases\/us-v-huawei-edny">United States v\. Huawei/);
    const [revision] = sql<{ snapshot: string }[]>(
      `select snapshot from revisions where entity_kind = 'claim' and entity_id = ? order by version desc limit 1`,
      claim.id,
    );
    expect(JSON.parse(revision.snapshot).cases).toEqual([
      { case: 'us-v-huawei-edny', role: 'about', note: 'The claim is about the charges.' },
    ]);
    const twice = await link('2');
    expect(twice.status).toBe(400);
    expect(await text(twice)).toMatch(
      /id="case-link-case-error"[^>]*>This claim is already linked to United States v\. Huawei/,
    );

    const key = `${caseId}:about`;
    expect((await post(claim.at, { intent: `remove-case-link:${key}`, version: '2' })).status).toBe(200);
    const removed = await post(claim.at, {
      intent: `remove-case-link:${key}`,
      confirmed: `remove-case-link:${key}`,
      version: '2',
    });
    expect(removed.status).toBe(302);
    expect(sql('select * from claim_cases where claim_id = ?', claim.id)).toEqual([]);
    expect(await page(claim.at)).toContain('Court cases (0)');
  });

  it('links a published claim to a case through its reviewed change: public once approved', async () => {
    const id = idOf('claims', 'huawei-pleads-not-guilty');
    const at = `/editor/claims/${id}`;
    const caseId = idOf('cases', 'us-v-huawei-edny');
    const before = sql<{ role: string }[]>('select role from claim_cases where claim_id = ?', id);
    const version = versionOf(await page(at));
    const res = await post(at, {
      intent: 'add-case-link',
      version,
      'cases.caseId': String(caseId),
      'cases.role': 'cites',
    });
    expect(res.status).toBe(302);
    expect(sql('select role from claim_cases where claim_id = ?', id)).toEqual(before);
    // A correction in one submission: the note and the button (the link is the change).
    const submitted = await post(at, {
      intent: 'status:update',
      version,
      'status.note': 'The claim now links the case it cites.',
    });
    expect(submitted.status).toBe(302);
    const review = await page(at, reviewer);
    const proposal = /value="approve:(\d+)"/.exec(review)![1];
    expect((await post(at, { intent: `approve:${proposal}`, version: versionOf(review) }, reviewer)).status).toBe(302);
    expect(
      sql<{ role: string }[]>('select role from claim_cases where claim_id = ? order by role', id).map((r) => r.role),
    ).toEqual([...before.map((r) => r.role), 'cites'].sort());
  });

  it('submits typed changes and the correction note in one submission', async () => {
    const id = idOf('claims', 'andy-purdy-denies-backdoor-access');
    const at = `/editor/claims/${id}`;
    const res = await post(
      at,
      pageFormBody(await page(at), {
        venue: 'Mornings with Maria (FOX Business)',
        intent: 'status:correction',
        'status.note': 'The venue now names the channel.',
      }),
    );
    expect(res.status).toBe(302);
    const after = await page(at, reviewer);
    expect(after).toContain('Pending review');
    expect(after).toContain('Public log entry (correction): The venue now names the channel.');
    expect(after).toContain('Mornings with Maria (FOX Business)');
    // Only the venue differs from the public version: the page's form sent everything else unchanged.
    const differs = after.slice(after.indexOf('What differs from the public version'), after.indexOf('</pre>'));
    expect(differs.match(/<del>/g)).toHaveLength(1);
  });
});

describe('the case page as one form', () => {
  it('saves the case’s fields and brings back every panel’s input when a charge is refused', async () => {
    const id = idOf('cases', 'us-v-huawei-edny');
    const at = `/editor/cases/${id}`;
    const refused = await post(
      at,
      pageFormBody(await page(at), {
        judge: 'Ann M. Donnelly (typed)',
        intent: 'add-charge',
        'charge.count': '17',
        'charge.statute': '18 U.S.C. § 1962(d)',
        'charge.description': '',
        'event.occurredOn': '2020-03-04',
        'event.description': 'An event typed meanwhile',
      }),
    );
    expect(refused.status).toBe(400);
    const body = await text(refused);
    expect(body).toMatch(/id="charge-description-error"[^>]*>Describe the charge\./);
    expect(body).toMatch(/id="charge-count"[^>]*value="17"/);
    expect(body).toMatch(/id="charge-statute"[^>]*value="18 U.S.C. § 1962\(d\)"/);
    expect(body).toMatch(/id="event-description"[^>]*value="An event typed meanwhile"/);
    expect(sql<{ judge: string }[]>('select judge from cases where id = ?', id)[0].judge).toBe(
      'Ann M. Donnelly (typed)',
    );
  });

  it('adds a defendant typed by name without JavaScript, and offers the candidates when the name is not exact', async () => {
    const id = idOf('cases', 'us-v-huawei-edny');
    const at = `/editor/cases/${id}`;
    const html = await page(at);
    const vague = await post(
      at,
      pageFormBody(html, { intent: 'add-defendant', 'defendant.entityId__text': 'Huawei', 'defendant.note': 'A note' }),
    );
    expect(vague.status).toBe(400);
    const body = await text(vague);
    expect(body).toMatch(/id="defendant-entity-error"[^>]*>No person or organisation is called “Huawei”/);
    expect(body).toMatch(/name="defendant.entityId__pick" value="\d+"/);
    expect(body).toMatch(/id="defendant-note"[^>]*value="A note"/);
    const person = sql<{ id: number; name: string }[]>(
      `select id, name from entities where kind = 'person' and id not in (select entity_id from case_defendants where case_id = ?) limit 1`,
      id,
    )[0];
    const added = await post(
      at,
      pageFormBody(html, { intent: 'add-defendant', 'defendant.entityId__text': person.name, 'defendant.note': '' }),
    );
    expect(added.status).toBe(302);
    expect(await page(at)).toMatch(
      new RegExp(`<li>${person.name}\\s+<button[^>]*value="remove-defendant:${person.id}"`),
    );
  });
});
