import { Form, Link } from '@remix-run/react';
import { citationRoleLabel, relationOutgoing } from '~/domain';
import { FieldError } from '~/components/field-error';

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

export function StatusPanel({
  status,
  version,
  problems,
  error,
}: {
  status: string;
  version: number;
  problems: string[];
  error?: string;
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
      {status !== 'published' && problems.length > 0 ? (
        <div className="notice notice--warning">
          <p>Before this claim can be published, {problems.join('; ')}.</p>
        </div>
      ) : null}
      <Form method="post" className="inline-form">
        <Hidden intent="status" version={version} />
        <div className="field">
          <label htmlFor="status-note">Note for the public log</label>
          <p className="hint" id="status-note-hint">
            Required to retract, to log a correction (say what was wrong) or an update (say what has changed). Shown on
            the claim’s page with today’s date.
          </p>
          <input id="status-note" name="note" type="text" maxLength={1000} aria-describedby="status-note-hint" />
        </div>
        <p className="button-row">
          {status !== 'published' ? (
            <button type="submit" name="change" value="publish">
              Publish
            </button>
          ) : (
            <button type="submit" name="change" value="unpublish" className="button--quiet">
              Unpublish
            </button>
          )}
          {status === 'published' ? (
            <>
              <button type="submit" name="change" value="correction" className="button--quiet">
                Log a correction
              </button>
              <button type="submit" name="change" value="update" className="button--quiet">
                Log an update
              </button>
              <button type="submit" name="change" value="retract" className="button--danger">
                Retract
              </button>
            </>
          ) : null}
        </p>
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
  errors: Record<string, string>;
}) {
  const invalid = (name: string) =>
    errors[name] ? { 'aria-invalid': true as const, 'aria-describedby': `${name}-error` } : {};
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
        <div className="field">
          <label htmlFor="citation-source">Source</label>
          <select id="citation-source" name="sourceId" defaultValue="" {...invalid('sourceId')}>
            <option value="">Choose a source…</option>
            {sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
                {s.publisher ? ` — ${s.publisher}` : ''}
              </option>
            ))}
          </select>
          <FieldError id="sourceId-error" message={errors.sourceId} />
          <p className="hint">
            Not listed? <Link to="/editor/sources/new">Add the source</Link> first.
          </p>
        </div>
        <div className="field">
          <label htmlFor="citation-role">What the source does</label>
          <select id="citation-role" name="role" defaultValue="made_in" {...invalid('role')}>
            {Object.entries(citationRoleLabel).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <FieldError id="role-error" message={errors.role} />
        </div>
        <div className="field">
          <label htmlFor="citation-quote">Exact quote</label>
          <textarea id="citation-quote" name="quote" rows={3} maxLength={5000} {...invalid('quote')} />
          <FieldError id="quote-error" message={errors.quote} />
        </div>
        <div className="field">
          <label htmlFor="citation-locator">Where in the source</label>
          <input
            id="citation-locator"
            name="locator"
            type="text"
            placeholder="paragraph 4, 12:30, p. 7"
            maxLength={200}
          />
        </div>
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
  errors: Record<string, string>;
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
        <div className="field">
          <label htmlFor="relation-find">Find the other claim</label>
          <input id="relation-find" name="find" type="search" defaultValue={find} maxLength={200} />
        </div>
        <button type="submit" className="button--quiet">
          Find
        </button>
      </Form>
      <Form method="post" className="subform">
        <Hidden intent="add-relation" version={version} />
        <div className="field">
          <label htmlFor="relation-kind">This claim…</label>
          <select id="relation-kind" name="kind" defaultValue="rebuts">
            {Object.entries(relationOutgoing).map(([value, label]) => (
              <option key={value} value={value}>
                {label.toLowerCase()}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="relation-other">…this claim</label>
          <select
            id="relation-other"
            name="otherClaimId"
            defaultValue=""
            aria-invalid={errors.otherClaimId ? true : undefined}
            aria-describedby={errors.otherClaimId ? 'otherClaimId-error' : undefined}
          >
            <option value="">Choose a claim…</option>
            {candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {c.statement.slice(0, 120)}
                {c.status === 'draft' ? ' (draft)' : ''}
              </option>
            ))}
          </select>
          <FieldError id="otherClaimId-error" message={errors.otherClaimId} />
        </div>
        <div className="field">
          <label htmlFor="relation-note">Note</label>
          <input id="relation-note" name="note" type="text" maxLength={1000} />
        </div>
        <button type="submit">Add link</button>
      </Form>
    </section>
  );
}
