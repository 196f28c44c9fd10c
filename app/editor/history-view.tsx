/**
 * The history page's pieces: what one version changed (or how the entry was created), field by
 * field, and who made it. Changes read without colour: removed text is struck through and
 * added text underlined, each with a word a screen reader speaks ("removed", "added"), short
 * values read "was → now", and lines of a list say "Added" or "Removed" in words.
 */
import type { ReactNode } from 'react';
import { Link } from '@remix-run/react';
import { formatTimestamp } from '~/components/dates';
import type { WordPart } from '~/editor/diff';
import type { FieldChange, Readable } from '~/editor/revision-changes';

/** "28 Nov 2026, 14:05 UTC" from unix seconds. */
export function formatMoment(seconds: number): string {
  return `${formatTimestamp(seconds)}, ${new Date(seconds * 1000).toISOString().slice(11, 16)} UTC`;
}

/** Words and references: a reference by its current name with its slug, or by its slug alone when nothing has it now. */
export function ReadableText({ text }: { text: Readable }) {
  return (
    <>
      {text.map((segment, i) => {
        if (typeof segment === 'string') return <span key={i}>{segment}</span>;
        if (segment.name === null) {
          return (
            <span key={i} className="ref ref--gone" title="Nothing has this address now">
              {segment.slug}
            </span>
          );
        }
        return (
          <span key={i} className="ref">
            {segment.name}
            {/* A verdict's id is its label in lower case: nothing to add. */}
            {segment.ref === 'verdicts' ? null : <span className="ref__slug"> ({segment.slug})</span>}
          </span>
        );
      })}
    </>
  );
}

function Removed({ children }: { children: ReactNode }) {
  return (
    <del>
      <span className="visually-hidden">removed: </span>
      {children}
    </del>
  );
}

function Added({ children }: { children: ReactNode }) {
  return (
    <ins>
      <span className="visually-hidden">added: </span>
      {children}
    </ins>
  );
}

function Words({ parts, created }: { parts: WordPart[]; created: boolean }) {
  return (
    <p className="change__words">
      {parts.map((part, i) =>
        part.kind === 'gap' ? (
          <span key={i} className="change__gap">
            {part.text}
          </span>
        ) : part.kind === 'same' || created ? (
          <span key={i}>{part.text}</span>
        ) : part.kind === 'added' ? (
          <Added key={i}>{part.text}</Added>
        ) : (
          <Removed key={i}>{part.text}</Removed>
        ),
      )}
    </p>
  );
}

function Value({ change, created }: { change: Extract<FieldChange, { type: 'value' }>; created: boolean }) {
  if (created) return change.after ? <ReadableText text={change.after} /> : null;
  return (
    <>
      <span className="visually-hidden">was </span>
      {change.before ? (
        <Removed>
          <ReadableText text={change.before} />
        </Removed>
      ) : (
        <span className="muted">(empty)</span>
      )}
      <span aria-hidden="true"> → </span>
      <span className="visually-hidden">, now </span>
      {change.after ? (
        <Added>
          <ReadableText text={change.after} />
        </Added>
      ) : (
        <span className="muted">(empty)</span>
      )}
    </>
  );
}

function Lines({ change, created }: { change: Extract<FieldChange, { type: 'lines' }>; created: boolean }) {
  return (
    <ul className="change__lines">
      {change.lines.map((line, i) =>
        created ? (
          <li key={i}>
            <ReadableText text={line.text} />
          </li>
        ) : (
          <li key={i} className={`change__line change__line--${line.kind}`}>
            <span className="change__mark">{line.kind === 'added' ? 'Added' : 'Removed'}</span>{' '}
            {line.kind === 'added' ? (
              <ins>
                <ReadableText text={line.text} />
              </ins>
            ) : (
              <del>
                <ReadableText text={line.text} />
              </del>
            )}
          </li>
        ),
      )}
      {change.reordered ? <li className="change__line">Put in a new order</li> : null}
    </ul>
  );
}

/**
 * The fields one version changed, by the form's labels. `created`: the first version, shown as
 * the entry was created (each field with a value, nothing marked). `compareTo` links to the
 * whole change (or, created, the whole version) where a long text was cut short.
 */
export function FieldChanges({
  changes,
  created = false,
  compareTo,
}: {
  changes: FieldChange[];
  created?: boolean;
  compareTo?: string;
}) {
  if (changes.length === 0) {
    // A save without changes, a desk or review step, or the delete or merge that ended the entry.
    return <p className="muted">No field of the entry changed in this version.</p>;
  }
  return (
    <dl className="changes">
      {changes.map((change) => (
        <div key={change.key} className="change">
          <dt>{change.label}</dt>
          <dd>
            {change.type === 'words' ? (
              <>
                <Words parts={change.parts} created={created} />
                {change.truncated && compareTo ? (
                  <p>
                    <Link to={compareTo}>
                      {created ? 'See all of it' : `See the whole change to ${change.label.toLowerCase()}`}
                    </Link>
                  </p>
                ) : null}
              </>
            ) : change.type === 'lines' ? (
              <Lines change={change} created={created} />
            ) : (
              <Value change={change} created={created} />
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export interface VersionSummary {
  version: number;
  createdAt: number;
  userName: string | null;
  summary: string | null;
}

/** Who made a version, when, and what they said of it. */
export function VersionByline({ revision }: { revision: VersionSummary }) {
  return (
    <>
      <p className="revision__by">
        {revision.userName ? (
          <>
            By <strong>{revision.userName}</strong>
          </>
        ) : (
          // The content import saves without an editor, and a removed account leaves none.
          'No editor recorded'
        )}
        , <time dateTime={new Date(revision.createdAt * 1000).toISOString()}>{formatMoment(revision.createdAt)}</time>
      </p>
      <p className="revision__summary">
        {revision.summary ? (
          <>
            <span className="revision__summary-label">Summary:</span> {revision.summary}
          </>
        ) : (
          <span className="muted">No summary given.</span>
        )}
      </p>
    </>
  );
}

/** "deleted" or "merged", as the last revision's summary says; "removed" when it says neither. */
function goneVerb(summary: string | null): string {
  if (summary && /merg/i.test(summary)) return 'merged';
  if (summary && /delet/i.test(summary)) return 'deleted';
  return 'removed';
}

/** Above the history of an entry whose row is gone: when, and what its last revision said of it. */
export function GoneNotice({ at, summary }: { at: number; summary: string | null }) {
  return (
    <p className="notice notice--warning">
      This entry was {goneVerb(summary)} on {formatMoment(at)}
      {summary ? `: ${summary.replace(/([^.!?])$/, '$1.')}` : '.'} Its versions are kept here; they can no longer be
      restored.
    </p>
  );
}

/** A claim's proposal as the review trail lists it (`listProposals`). */
export interface ReviewRecord {
  id: number;
  kind: string;
  status: string;
  summary: string | null;
  proposedByName: string | null;
  proposedAt: number;
  reviewedByName: string | null;
  reviewedAt: number | null;
  selfApproved: boolean;
  publicNote: string | null;
  publicNoteKind: string | null;
  reviewNote: string | null;
}

const REVIEW_STATUS: Record<string, string> = {
  pending: 'waiting for review',
  approved: 'approved',
  returned: 'returned',
  withdrawn: 'withdrawn',
};

/** Every proposal, approval, return and withdrawal of a claim (decision 6), newest first. */
export function ReviewTrail({ reviews }: { reviews: ReviewRecord[] }) {
  if (reviews.length === 0) return null;
  return (
    <section aria-labelledby="reviews-title">
      <h2 id="reviews-title">Reviews</h2>
      <ol className="plain-list">
        {reviews.map((p) => (
          <li key={p.id}>
            <strong>{p.kind === 'publish' ? 'Publication' : (p.summary ?? 'Change')}</strong> · proposed by{' '}
            {p.proposedByName ?? 'someone'} on {formatTimestamp(p.proposedAt)} · {REVIEW_STATUS[p.status]}
            {p.reviewedAt ? ` by ${p.reviewedByName ?? 'someone'} on ${formatTimestamp(p.reviewedAt)}` : ''}
            {p.selfApproved ? ' (not independently reviewed)' : ''}
            {p.publicNote ? ` · public ${p.publicNoteKind}: ${p.publicNote}` : ''}
            {p.reviewNote ? ` · review note: ${p.reviewNote}` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}
