/**
 * The public record's invariant (decision 6), as a property over random sequences: two editors
 * edit, cite, retract, un-retract, restore, submit, approve (the right or the wrong one), return
 * and withdraw, in any order, with or without notes. After every step, what a reader sees (the
 * claim page's data and the public log) is recorded, and:
 * - the log only grows: no entry is removed or changed;
 * - between two consecutive versions readers saw that differ, a new dated log entry was appended;
 * - the page always equals the last approved version (the approved proposal's document).
 * Seeded (scripts/bench-lib.ts `prng`), so a failure names its seed and step and replays.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { prng } from '../../scripts/bench-lib';
import { importContent } from '~/content/import.server';
import {
  addCitation,
  addPublicNote,
  changeClaimStatus,
  ClaimLinkError,
  removeCitation,
} from '~/models/claim-editor.server';
import { ConflictError, getEntryForEdit, restoreRevision, saveEntry } from '~/models/entry.server';
import { openProposal, PublishingRuleError, ReviewError } from '~/models/proposal.server';
import { approveProposal, returnProposal, withdrawProposal } from '~/models/review.server';
import { listRevisions, type Snapshot } from '~/models/revision.server';
import {
  claimFormValues,
  insertEditor,
  publishedClaim,
  readerView,
  sourceIdOf,
  type ReaderView,
} from '../review-helpers';

const SEQUENCES = 120;
const STEPS = 30;
const VERDICTS = ['unproven', 'false', 'accurate', 'misleading', 'disputed'];
const SOURCES = ['foxbiz-purdy-denial', 'law360-not-guilty', 'lawfare-superseding'];

let editors: number[];
/** How often each kind of approval, and each refusal of one's own, happened: the sequences must reach them all. */
const reached = new Map<string, number>();
const count = (what: string) => reached.set(what, (reached.get(what) ?? 0) + 1);
beforeAll(() => {
  importContent(getDb(), path.resolve('content'));
  editors = [insertEditor('Editor One'), insertEditor('Editor Two')];
});

/** What a reader would see of a claim whose row is this document. */
function contentOf(doc: Snapshot, slug: string): ReaderView['content'] {
  const citations = (doc.citations as ReaderView['content']['citations'] | null) ?? [];
  return {
    slug,
    statement: String(doc.statement),
    speaker: (doc.speaker as string | null) ?? null,
    verdict: (doc.verdict as string | null) ?? null,
    explanation: String(doc.verdict_explanation ?? ''),
    analysis: String(doc.analysis ?? ''),
    status: String(doc.status) as ReaderView['content']['status'],
    citations: citations.map((c) => ({ source: c.source, role: c.role, quote: c.quote ?? null })),
  };
}

/** The refusals a random step may meet; anything else is a bug. */
// Refusals the steps may meet: review rules, the sourcing rule, a stale version, and citing a
// source again with the same role and quote (refused as a duplicate since issue 11).
const expected = (error: unknown) =>
  error instanceof ReviewError ||
  error instanceof PublishingRuleError ||
  error instanceof ConflictError ||
  error instanceof ClaimLinkError;

function runSequence(seed: number) {
  const random = prng(seed);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
  const chance = (p: number) => random() < p;
  const author = pick(editors);
  const { id, slug } = publishedClaim(author, editors.find((e) => e !== author)!);
  const version = () => getEntryForEdit('claims', id)!.version;
  let seen = readerView(slug)!;
  let approved = seen.content;
  const note = () => (chance(0.85) ? `Note ${seed}-${Math.floor(random() * 1e6)}` : '  ');

  const steps: Record<string, (editor: number) => void> = {
    edit: (editor) => {
      const values = claimFormValues({
        statement: chance(0.3) ? `Statement ${Math.floor(random() * 1e6)}` : seen.content.statement,
        verdictId: pick(VERDICTS),
        verdictExplanation: `Explanation ${Math.floor(random() * 1e6)}`,
        analysis: chance(0.5) ? `Analysis ${Math.floor(random() * 1e6)}` : 'A first analysis.',
        slug,
      });
      saveEntry('claims', { id, expectedVersion: version(), values, userId: editor });
    },
    cite: (editor) =>
      addCitation(
        id,
        version(),
        {
          sourceId: sourceIdOf(pick(SOURCES)),
          role: pick(['reports', 'evidence_for', 'context'] as const),
          quote: '',
          locator: '',
        },
        editor,
      ),
    uncite: (editor) => removeCitation(id, version(), 1, editor),
    retract: (editor) => changeClaimStatus(id, version(), 'retract', note(), editor),
    unretract: (editor) => changeClaimStatus(id, version(), 'publish', note(), editor),
    restore: (editor) => {
      const revision = pick(listRevisions('claim', id));
      restoreRevision('claims', { id, version: revision.version, expectedVersion: version(), userId: editor });
    },
    submit: (editor) => addPublicNote(id, version(), pick(['correction', 'update'] as const), note(), editor),
    approve: (editor) => {
      const open = openProposal(id);
      if (!open) return;
      if (open.proposedBy === editor && open.status === 'pending') count('own approval tried');
      approveProposal(open.id, editor);
      count(`approved ${open.kind}`);
      approved = contentOf(JSON.parse(open.document!) as Snapshot, slug);
    },
    return: (editor) => {
      const open = openProposal(id);
      if (open) returnProposal(open.id, editor, note());
    },
    withdraw: (editor) => {
      const open = openProposal(id);
      if (open) withdrawProposal(open.id, editor);
    },
  };
  const weighted = [
    ...['edit', 'edit', 'cite', 'uncite', 'retract', 'unretract', 'restore'],
    ...['submit', 'submit', 'approve', 'approve', 'approve', 'return', 'withdraw'],
  ];

  for (let step = 0; step < STEPS; step++) {
    // A retracted claim is un-retracted more often, so republications are reached as often as retractions.
    const action = seen.content.status === 'retracted' && chance(0.25) ? 'unretract' : pick(weighted);
    const editor = pick(editors);
    const where = `seed ${seed}, step ${step} (${action} by editor ${editors.indexOf(editor) + 1})`;
    try {
      steps[action](editor);
    } catch (error) {
      if (!expected(error)) throw new Error(`${where}: ${String(error)}`, { cause: error });
    }
    const now = readerView(slug)!;
    expect(now.log.slice(0, seen.log.length), `${where}: the log lost or changed an entry`).toEqual(seen.log);
    if (JSON.stringify(now.content) !== JSON.stringify(seen.content)) {
      const added = now.log.slice(seen.log.length);
      expect(added.length, `${where}: a visible change without a log entry`).toBeGreaterThan(0);
      for (const entry of added) expect(entry.createdAt, `${where}: an undated log entry`).toBeGreaterThan(0);
    }
    expect(now.content, `${where}: the page is not the last approved version`).toEqual(approved);
    seen = now;
  }
}

describe('the public record', () => {
  it(`holds over ${SEQUENCES} random sequences of ${STEPS} steps by two editors`, { timeout: 240_000 }, () => {
    for (let seed = 1; seed <= SEQUENCES; seed++) runSequence(seed);
    for (const what of ['edit', 'retract', 'unretract', 'restore'])
      expect(reached.get(`approved ${what}`)).toBeGreaterThan(5);
    expect(reached.get('own approval tried')).toBeGreaterThan(5);
  });
});
