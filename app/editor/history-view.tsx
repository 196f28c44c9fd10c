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
    return <p className="muted">No field changed (a save without changes, or a change of desk or review state).</p>;
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
