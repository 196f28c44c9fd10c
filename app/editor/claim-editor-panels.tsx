import { Form, Link } from '@remix-run/react';
import { citationRoleLabel, relationOutgoing } from '~/domain';
import type { FieldErrors } from '~/forms/errors';
import { Field } from '~/forms/field';

interface Citation {
  id: number;
  role: string;
  quote: string | null;
  locator: string | null;
  sourceTitle: string;
  archiveUrl: string | null;
}
interface Relation {
  id: number;
  kind: string;
  note: string | null;
  slug: string;
  statement: string;
}

function Hidden({ intent, version }: { intent: string; version: number }) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={version} />
    </>
  );
}

/**
 * Publishing a claim, and every change to a public one, waits for another editor (decision 6):
 * a draft is submitted for publication; a public claim's change is submitted with its public log
 * entry (a correction or an update), retracted or un-retracted with a note.
 */
export function StatusPanel({
  status,
  version,
  problems,
  error,
  hasChange,
}: {
  status: string;
  version: number;
  problems: string[];
  error?: string;
  /** Whether a public claim has a working copy waiting to be submitted or reviewed. */
  hasChange?: boolean;
}) {
  return (
    <section aria-labelledby="status-title" className="panel">
      <h2 id="status-title">Publishing</h2>
      <p>
        Status: <strong>{status}</strong>
      </p>
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      {status === 'draft' && problems.length > 0 ? (
        <div className="notice notice--warning">
          <p>Before this claim can be published, {problems.join('; ')}.</p>
        </div>
      ) : null}
      <Form method="post" className="inline-form">
        <Hidden intent="status" version={version} />
        {status === 'draft' ? (
          <p className="button-row">
            <button type="submit" name="change" value="publish">
              Submit for publication
            </button>
            <span className="muted">Another editor approves it before readers see it.</span>
          </p>
        ) : (
          <>
            <Field
              id="status-note"
              name="note"
              label="Note for the public log"
              hint={
                status === 'retracted'
                  ? 'Required to un-retract: say why the claim is public again. Logged as a republication; the retraction stays in the log.'
                  : `Required for every change readers can see: say what was corrected, what has changed, or why it is retracted. Shown on the claim’s page, dated, once another editor approves${hasChange ? '' : ' (without other changes, the note alone is the change)'}.`
              }
              type="text"
              maxLength={1000}
            />
            <p className="button-row">
              {status === 'published' ? (
                <>
                  <button type="submit" name="change" value="correction">
                    Submit as a correction
                  </button>
                  <button type="submit" name="change" value="update" className="button--quiet">
                    Submit as an update
                  </button>
                  <button type="submit" name="change" value="retract" className="button--danger">
                    Propose retraction
                  </button>
                </>
              ) : (
                <button type="submit" name="change" value="publish">
                  Propose un-retraction
                </button>
              )}
            </p>
          </>
        )}
      </Form>
    </section>
  );
}

export function CitationsPanel({
  citations,
  sources,
  version,
  errors,
}: {
  citations: Citation[];
  sources: { id: number; title: string; publisher: string | null }[];
  version: number;
  errors: FieldErrors;
}) {
  return (
    <section aria-labelledby="citations-title" className="panel">
      <h2 id="citations-title">Sources cited ({citations.length})</h2>
      <ol className="citation-list">
        {citations.map((c) => (
          <li key={c.id} className="citation">
            <p className="citation__role">{citationRoleLabel[c.role as keyof typeof citationRoleLabel]}</p>
            {c.quote ? <blockquote className="citation__quote">“{c.quote}”</blockquote> : null}
            <p>
              {c.sourceTitle} {c.locator ? <span className="muted">({c.locator})</span> : null}
              {c.archiveUrl ? null : <span className="muted"> · no archived copy</span>}
            </p>
            <Form method="post">
              <Hidden intent="remove-citation" version={version} />
              <input type="hidden" name="citationId" value={c.id} />
              <button type="submit" className="button--quiet">
                Remove<span className="visually-hidden"> citation of {c.sourceTitle}</span>
              </button>
            </Form>
          </li>
        ))}
      </ol>
      <Form method="post" className="subform">
        <h3>Add a citation</h3>
        <Hidden intent="add-citation" version={version} />
        <Field
          as="select"
          id="citation-source"
          name="sourceId"
          label="Source"
          hint={
            <>
              Not listed? <Link to="/editor/sources/new">Add the source</Link> first.
            </>
          }
          defaultValue=""
          error={errors.sourceId}
        >
          <option value="">Choose a source…</option>
          {sources.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
              {s.publisher ? ` — ${s.publisher}` : ''}
            </option>
          ))}
        </Field>
        <Field
          as="select"
          id="citation-role"
          name="role"
          label="What the source does"
          defaultValue="made_in"
          error={errors.role}
        >
          {Object.entries(citationRoleLabel).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Field>
        <Field
          as="textarea"
          id="citation-quote"
          name="quote"
          label="Exact quote"
          rows={3}
          maxLength={5000}
          error={errors.quote}
        />
        <Field
          id="citation-locator"
          name="locator"
          label="Where in the source"
          type="text"
          placeholder="paragraph 4, 12:30, p. 7"
          maxLength={200}
          error={errors.locator}
        />
        <button type="submit">Add citation</button>
      </Form>
    </section>
  );
}

export function RelationsPanel({
  outgoing,
  incoming,
  candidates,
  find,
  version,
  errors,
}: {
  outgoing: Relation[];
  incoming: Relation[];
  candidates: { id: number; statement: string; status: string }[];
  find: string;
  version: number;
  errors: FieldErrors;
}) {
  return (
    <section aria-labelledby="relations-title" className="panel">
      <h2 id="relations-title">Related claims</h2>
      <ul className="plain-list">
        {outgoing.map((r) => (
          <li key={r.id}>
            {relationOutgoing[r.kind as keyof typeof relationOutgoing]}:{' '}
            <Link to={`/claims/${r.slug}`}>{r.statement}</Link>
            <Form method="post" className="inline">
              <Hidden intent="remove-relation" version={version} />
              <input type="hidden" name="relationId" value={r.id} />
              <button type="submit" className="button--quiet">
                Remove<span className="visually-hidden"> link to {r.statement}</span>
              </button>
            </Form>
          </li>
        ))}
        {incoming.map((r) => (
          <li key={`in-${r.id}`} className="muted">
            {r.statement} — {r.kind.replace('_', ' ')} this claim (edit it there)
          </li>
        ))}
      </ul>
      <Form method="get" className="subform" role="search">
        <h3>Link to another claim</h3>
        <Field
          id="relation-find"
          name="find"
          label="Find the other claim"
          type="search"
          defaultValue={find}
          maxLength={200}
        />
        <button type="submit" className="button--quiet">
          Find
        </button>
      </Form>
      <Form method="post" className="subform">
        <Hidden intent="add-relation" version={version} />
        <Field as="select" id="relation-kind" name="kind" label="This claim…" defaultValue="rebuts" error={errors.kind}>
          {Object.entries(relationOutgoing).map(([value, label]) => (
            <option key={value} value={value}>
              {label.toLowerCase()}
            </option>
          ))}
        </Field>
        <Field
          as="select"
          id="relation-other"
          name="otherClaimId"
          label="…this claim"
          defaultValue=""
          error={errors.otherClaimId}
        >
          <option value="">Choose a claim…</option>
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {c.statement.slice(0, 120)}
              {c.status === 'draft' ? ' (draft)' : ''}
            </option>
          ))}
        </Field>
        <Field id="relation-note" name="note" label="Note" type="text" maxLength={1000} error={errors.note} />
        <button type="submit">Add link</button>
      </Form>
    </section>
  );
}
