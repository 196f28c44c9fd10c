import { formatTimestamp } from '~/components/dates';
import type { DiffLine } from '~/editor/diff';
import { Field } from '~/forms/field';
import { usePanel } from './page-form';
import { ConfirmButton, PanelError } from './panel-parts';

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
  merge: 'A merge of another claim into this one',
};

/**
 * The claim's open proposal: a banner saying readers still see the approved version, what
 * differs from it, its public log entry, and approve / return / withdraw as the user may. A
 * section of the page's one form: each button names the proposal (`approve:12`), and what the
 * editor typed in the claim's fields is saved first (for a reviewer, refused: the change is not theirs).
 */
export function ReviewPanel({ review, diff }: { review: ReviewView; diff: DiffLine[] | null }) {
  const { proposal } = review;
  const returned = proposal.status === 'returned';
  const panel = usePanel('review');
  const error = panel.errors.review ?? panel.errors.form;
  return (
    <section aria-labelledby="review-title" className="panel notice notice--warning" data-panel="review">
      <h2 id="review-title" tabIndex={-1}>
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
      <PanelError message={error} />
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
        <p className="button-row">
          <button type="submit" name="intent" value={`approve:${proposal.id}`}>
            {review.own ? 'Approve my own change (not independently reviewed)' : 'Approve'}
          </button>
        </p>
      ) : null}
      {review.canReturn ? (
        <div data-enter={`return:${proposal.id}`}>
          <Field
            id="review-note"
            name={panel.name('reviewNote')}
            label="What needs to change"
            type="text"
            constraint={{ maxLength: 2000 }}
            hint="Kept in the history; the author sees it here."
            enterKeyHint="send"
            defaultValue={panel.value('reviewNote')}
            key={panel.resetKey}
          />
          <p className="button-row">
            <button
              type="submit"
              name="intent"
              value={`return:${proposal.id}`}
              data-resets="review"
              className="button--quiet"
            >
              Return to the author
            </button>
          </p>
        </div>
      ) : null}
      {review.own && proposal.status === 'pending' ? (
        <div className="button-row">
          <ConfirmButton
            panel="review"
            intent={`withdraw:${proposal.id}`}
            question="Withdraw this change? Its working copy is discarded; readers keep seeing the approved version."
            yes="Yes, withdraw it"
          >
            Withdraw this change
          </ConfirmButton>
        </div>
      ) : null}
      {review.own && !review.canApprove && proposal.submitted ? (
        <p className="muted">Another editor must approve it.</p>
      ) : null}
    </section>
  );
}
