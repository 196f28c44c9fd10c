import { Form } from '@remix-run/react';
import { formatTimestamp } from '~/components/dates';
import type { DiffLine } from '~/editor/diff';
import { Field } from '~/forms/field';

export interface ReviewView {
  proposal: {
    id: number;
    kind: string;
    status: string;
    submitted: boolean;
    summary: string | null;
    publicNoteKind: string | null;
    publicNote: string | null;
    proposedByName: string | null;
    proposedAt: number;
    reviewedByName: string | null;
    reviewNote: string | null;
  };
  own: boolean;
  canApprove: boolean;
  canReturn: boolean;
}

const KIND_LABEL: Record<string, string> = {
  publish: 'Publication',
  edit: 'A change',
  retract: 'A retraction',
  unretract: 'An un-retraction',
  restore: 'A restore of an old version',
};

function Hidden({ intent, version, proposalId }: { intent: string; version: number; proposalId: number }) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="proposalId" value={proposalId} />
    </>
  );
}

/**
 * The claim's open proposal: a banner saying readers still see the approved version, what
 * differs from it, its public log entry, and approve / return / withdraw as the user may.
 */
export function ReviewPanel({
  review,
  diff,
  version,
  error,
}: {
  review: ReviewView;
  diff: DiffLine[] | null;
  version: number;
  error?: string;
}) {
  const { proposal } = review;
  const returned = proposal.status === 'returned';
  return (
    <section aria-labelledby="review-title" className="panel notice notice--warning">
      <h2 id="review-title">
        {returned ? 'Returned for changes' : proposal.submitted ? 'Pending review' : 'Not yet submitted for review'}
      </h2>
      <p>
        {KIND_LABEL[proposal.kind] ?? 'A change'} by {proposal.proposedByName ?? 'someone'},{' '}
        {formatTimestamp(proposal.proposedAt)}.{' '}
        {proposal.kind === 'publish'
          ? 'Readers see nothing until another editor approves it.'
          : 'Readers still see the approved version; the form below shows this change (the working copy).'}
      </p>
      {returned && proposal.reviewNote ? (
        <p>
          <strong>{proposal.reviewedByName ?? 'The reviewer'} wrote:</strong> {proposal.reviewNote}
        </p>
      ) : null}
      {proposal.publicNote ? (
        <p>
          Public log entry ({proposal.publicNoteKind}): {proposal.publicNote}
        </p>
      ) : proposal.kind !== 'publish' ? (
        <p>To submit it, give its public log entry in the Publishing panel below.</p>
      ) : null}
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      {diff ? (
        <details open>
          <summary>What differs from the public version</summary>
          <pre className="diff">
            {diff
              .filter((line) => line.kind !== 'same')
              .map((line, i) => (
                <span key={i} className={`diff__${line.kind}`}>
                  {line.kind === 'added' ? '+ ' : '− '}
                  {line.kind === 'added' ? <ins>{line.text}</ins> : <del>{line.text}</del>}
                  {'\n'}
                </span>
              ))}
          </pre>
        </details>
      ) : null}
      {review.canApprove ? (
        <Form method="post" className="inline-form">
          <Hidden intent="approve" version={version} proposalId={proposal.id} />
          <button type="submit">{review.own ? 'Approve my own change (not independently reviewed)' : 'Approve'}</button>
        </Form>
      ) : null}
      {review.canReturn ? (
        <Form method="post" className="inline-form">
          <Hidden intent="return" version={version} proposalId={proposal.id} />
          <Field
            id="review-note"
            name="reviewNote"
            label="What needs to change"
            type="text"
            maxLength={2000}
            hint="Kept in the history; the author sees it here."
          />
          <button type="submit" className="button--quiet">
            Return to the author
          </button>
        </Form>
      ) : null}
      {review.own && proposal.status === 'pending' ? (
        <Form method="post" className="inline-form">
          <Hidden intent="withdraw" version={version} proposalId={proposal.id} />
          <button type="submit" className="button--quiet">
            Withdraw this change
          </button>
        </Form>
      ) : null}
      {review.own && !review.canApprove && proposal.submitted ? (
        <p className="muted">Another editor must approve it.</p>
      ) : null}
    </section>
  );
}
