/**
 * Readers' tips in-process, on this file's own database: the retention of tipsters' e-mail
 * addresses, the per-address limit over rate_events, the form's rules, and the triage model.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { claims, tips } from '../../db/schema';
import { constraintsOf } from '~/forms/constraints';
import { correctionRequestPath, removeControlCharacters, tipForm } from '~/domain/tip-fields';
import { takeRateSlot } from '~/http/rate-limit.server';
import {
  convertTipToDraft,
  declineTip,
  eraseExpiredTipEmails,
  listTips,
  markTipAlreadyChecked,
  submitTip,
  TipError,
} from '~/models/tip.server';
import { getRevision } from '~/models/revision.server';
import { insertClaim } from '../factories';
import { createUser } from '~/models/user.server';

const DAY = 24 * 60 * 60 * 1000;
const tipInput = (statement: string, email: string | null = null) => ({
  statement,
  speaker: null,
  seenAt: null,
  email,
});
const emailOf = (id: number) => getDb().select({ email: tips.email }).from(tips).where(eq(tips.id, id)).get()!.email;

describe('e-mail retention', () => {
  it('erases the addresses of tips older than the retention period, and only those', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    const old = submitTip(tipInput('Old tip', 'old@example.org'), new Date(now.getTime() - 91 * DAY));
    const edge = submitTip(tipInput('Just inside', 'edge@example.org'), new Date(now.getTime() - 89 * DAY));
    const anonymous = submitTip(tipInput('No address'), new Date(now.getTime() - 200 * DAY));

    expect(eraseExpiredTipEmails(90, now)).toBe(1);
    const fresh = submitTip(tipInput('Fresh tip', 'fresh@example.org'), now);
    expect(emailOf(old)).toBeNull();
    expect(emailOf(edge)).toBe('edge@example.org');
    expect(emailOf(fresh)).toBe('fresh@example.org');
    expect(emailOf(anonymous)).toBeNull();
    // The tip itself stays, without a way to reply.
    expect(getDb().select().from(tips).where(eq(tips.id, old)).get()!.statement).toBe('Old tip');
    // A shorter period, later: the edge one goes too.
    expect(eraseExpiredTipEmails(30, now)).toBe(1);
    expect(emailOf(edge)).toBeNull();
    expect(emailOf(fresh)).toBe('fresh@example.org');
  });

  it('runs whenever a tip is stored', () => {
    const long = submitTip(tipInput('Long ago', 'long-ago@example.org'), new Date('2020-01-01T00:00:00Z'));
    submitTip(tipInput('Today'));
    expect(emailOf(long)).toBeNull();
  });
});

describe('takeRateSlot', () => {
  const limit = { bucket: 'test', max: 3, windowSeconds: 600 };
  const at = (seconds: number) => new Date(Date.UTC(2026, 11, 1) + seconds * 1000);

  it('allows max uses in the window, refuses the next with the seconds to wait, and allows again after', () => {
    expect(takeRateSlot(limit, '203.0.113.1', at(0))).toEqual({ limited: false });
    expect(takeRateSlot(limit, '203.0.113.1', at(100))).toEqual({ limited: false });
    expect(takeRateSlot(limit, '203.0.113.1', at(200))).toEqual({ limited: false });
    expect(takeRateSlot(limit, '203.0.113.1', at(300))).toEqual({ limited: true, retryAfter: 300 });
    // Refused uses are not counted: the wait is the same whatever the retries.
    expect(takeRateSlot(limit, '203.0.113.1', at(599))).toEqual({ limited: true, retryAfter: 1 });
    expect(takeRateSlot(limit, '203.0.113.1', at(600))).toEqual({ limited: false });
    expect(takeRateSlot(limit, '203.0.113.1', at(601))).toEqual({ limited: true, retryAfter: 99 });
  });

  it('counts each address and each bucket on its own', () => {
    for (let i = 0; i < 3; i++) takeRateSlot(limit, '203.0.113.2', at(i));
    expect(takeRateSlot(limit, '203.0.113.2', at(5)).limited).toBe(true);
    expect(takeRateSlot(limit, '203.0.113.3', at(5)).limited).toBe(false);
    expect(takeRateSlot({ ...limit, bucket: 'search' }, '203.0.113.2', at(5)).limited).toBe(false);
  });
});

describe('the tip form', () => {
  it('takes its HTML limits from the schema', () => {
    expect(constraintsOf(tipForm)).toEqual({
      statement: { required: true, maxLength: 2000 },
      speaker: { maxLength: 300 },
      seenAt: { maxLength: 2000 },
      email: { maxLength: 254 },
    });
  });

  it('removes control characters but keeps tabs and line breaks', () => {
    expect(removeControlCharacters('a\u0000b\u0007c\td\r\ne\rf\u007f\u001b')).toBe('abc\td\ne\nf');
  });

  it('takes a web address or a description for where it was seen, never another scheme', () => {
    const seenAt = (value: string) => tipForm.safeParse({ statement: 'x', seenAt: value, speaker: '', email: '' });
    expect(seenAt('https://example.org/a').success).toBe(true);
    expect(seenAt('BBC Radio 4: Today, 8 am').success).toBe(true);
    expect(seenAt('javascript:alert(1)').success).toBe(false);
    expect(seenAt('data:text/html,<b>').success).toBe(false);
    expect(seenAt('ftp://example.org/file').success).toBe(false);
  });

  it('turns empty optional answers into nothing, and refuses what is not text', () => {
    const parsed = tipForm.parse({ statement: '  Said  ', speaker: ' ', seenAt: '', email: '  A@B.org ' });
    expect(parsed).toEqual({ statement: 'Said', speaker: null, seenAt: null, email: 'a@b.org' });
    const file = tipForm.safeParse({ statement: new Blob(['x']), speaker: '', seenAt: '', email: '' });
    expect(file.success).toBe(false);
  });

  it('gives the correction form’s address for a claim', () => {
    expect(correctionRequestPath('a-claim')).toBe('/suggest?claim=a-claim');
  });
});

describe('triage', () => {
  it('turns a tip into a suggested draft, links the tip, and refuses a second triage', async () => {
    const editor = await createUser({
      email: 'triage@example.org',
      name: 'Triage Editor',
      role: 'editor',
      password: 'a long test passphrase',
    });
    const id = submitTip({
      statement: 'Tipped statement',
      speaker: 'Nobody Known',
      seenAt: 'https://x.example/a',
      email: null,
    });
    const { claimId } = convertTipToDraft(id, editor.id);
    const draft = getDb().select().from(claims).where(eq(claims.id, claimId)).get()!;
    expect(draft).toMatchObject({
      statement: 'Tipped statement',
      status: 'draft',
      deskState: 'suggested',
      statementKind: 'summary',
      speakerId: null,
      venue: null,
    });
    // Its first revision is the draft as made, by this editor, naming the tip.
    const revision = getRevision('claim', claimId, 1)!;
    expect(revision.snapshot).toMatchObject({ statement: 'Tipped statement', statement_kind: 'summary' });
    expect(revision.summary).toBe(`Draft from reader tip ${id}`);
    const row = getDb().select().from(tips).where(eq(tips.id, id)).get()!;
    expect(row).toMatchObject({ status: 'converted', resultClaimId: claimId, handledBy: editor.id });
    expect(() => declineTip(id, 'Too late', editor.id)).toThrow(TipError);
    const listed = listTips({ status: 'converted' }, 1).items.find((t) => t.id === id)!;
    expect(listed.result).toMatchObject({ id: claimId, statement: 'Tipped statement', status: 'draft' });
    expect(listed.seenAtUrl).toBe('https://x.example/a');
  });

  it('refuses to make a draft of a correction request, and links one to a claim by slug', async () => {
    const editor = await createUser({
      email: 'triage2@example.org',
      name: 'Second Editor',
      role: 'editor',
      password: 'a long test passphrase',
    });
    const claim = insertClaim({ status: 'published' });
    const id = submitTip({ ...tipInput('The date is wrong'), claimId: claim.id });
    expect(() => convertTipToDraft(id, editor.id)).toThrow(/handled on its claim/);
    expect(() => markTipAlreadyChecked(id, 'no-such-claim', editor.id)).toThrow(/There is no claim/);
    markTipAlreadyChecked(id, claim.slug, editor.id);
    expect(getDb().select().from(tips).where(eq(tips.id, id)).get()).toMatchObject({
      kind: 'correction',
      claimId: claim.id,
      status: 'already_checked',
      resultClaimId: claim.id,
    });
  });
});
