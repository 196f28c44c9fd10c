/**
 * The claim's Publishing and Sources cited panels on its editing page. Each is a section of the
 * page's one form (page-form.tsx): its inputs are named `status.*` and `citation.*`, and each
 * action is a submit button `name="intent"` that saves the claim's fields first.
 */
import { citationRoleLabel, correctionKindLabel, labelOptions, type CorrectionKind } from '~/domain';
import { formatTimestamp } from '~/components/dates';
import { Field } from '~/forms/field';
import { Combobox } from './combobox';
import { usePanel } from './page-form';
import { ConfirmButton, PanelError, RemoveButton } from './panel-parts';
import type { QuoteCheckView } from '~/domain/quote-checks';
import { QuoteCheckStatus } from './quote-check-status';

interface Citation {
  id: number;
  role: string;
  quote: string | null;
  locator: string | null;
  sourceTitle: string;
  archiveUrl: string | null;
}

/**
 * Publishing a claim, and every change to a public one, waits for another editor (decision 6):
 * a draft is submitted for publication; a public claim's change is submitted with its public log
 * entry (a correction or an update), retracted or un-retracted with a note. The claim's fields
 * are saved first, so a correction is one submission: the changes, the note, the button.
 */
export function StatusPanel({
  status,
  problems,
  hasChange,
  corrections,
}: {
  status: string;
  problems: string[];
  /** Whether a public claim has a working copy waiting to be submitted or reviewed. */
  hasChange?: boolean;
  /** The public log as readers see it. */
  corrections: { id: number; kind: string; note: string; createdAt: number }[];
}) {
  const panel = usePanel('status');
  const error = panel.errors.note ?? panel.errors.form;
  const submit = (change: string, label: string, className?: string) => (
    <button type="submit" name="intent" value={`status:${change}`} data-resets="status" className={className}>
      {label}
    </button>
  );
  return (
    <section aria-labelledby="status-title" className="panel" data-panel="status">
      <h2 id="status-title" tabIndex={-1}>
        Publishing
      </h2>
      <p>
        Status: <strong>{status}</strong>
      </p>
      <PanelError message={error} />
      {/* After a refused submission the error says what is missing; the same words twice help nobody. */}
      {status === 'draft' && problems.length > 0 && !error ? (
        <div className="notice notice--warning">
          <p>Before this claim can be published, {problems.join('; ')}.</p>
        </div>
      ) : null}
      {status === 'draft' ? (
        <p className="button-row">
          {submit('publish', 'Submit for publication')}
          <span className="muted">
            Your changes above are saved first. Another editor approves it before readers see it.
          </span>
        </p>
      ) : (
        <div data-enter="">
          <Field
            id="status-note"
            name={panel.name('note')}
            label="Note for the public log"
            hint={
              status === 'retracted'
                ? 'Required to un-retract: say why the claim is public again. Logged as a republication; the retraction stays in the log.'
                : `Required for every change readers can see: say what was corrected, what has changed, or why it is retracted. Your changes above are saved with it. Shown on the claim’s page, dated, once another editor approves${hasChange ? '' : ' (without other changes, the note alone is the change)'}.`
            }
            type="text"
            constraint={{ maxLength: 1000 }}
            enterKeyHint="done"
            defaultValue={panel.value('note')}
            key={panel.resetKey}
          />
          <div className="button-row">
            {status === 'published' ? (
              <>
                {submit('correction', 'Submit as a correction')}
                {submit('update', 'Submit as an update', 'button--quiet')}
                <ConfirmButton
                  panel="status"
                  intent="status:retract"
                  question="Propose retracting this claim? Once another editor approves, its page carries a retraction notice with your note."
                  yes="Yes, propose the retraction"
                  className="button--danger"
                >
                  Propose retraction
                </ConfirmButton>
              </>
            ) : (
              submit('publish', 'Propose un-retraction')
            )}
          </div>
        </div>
      )}
      {corrections.length > 0 ? (
        <details>
          <summary>The public log ({corrections.length})</summary>
          <ul className="plain-list">
            {corrections.map((c) => (
              <li key={c.id}>
                <strong>{correctionKindLabel[c.kind as CorrectionKind] ?? c.kind}</strong>,{' '}
                {formatTimestamp(c.createdAt)}: {c.note}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

export function CitationsPanel({
  citations,
  quoteChecks,
}: {
  citations: Citation[];
  /** Each quote checked against its source's newest capture, by citation id. */
  quoteChecks?: Record<number, QuoteCheckView>;
}) {
  const panel = usePanel('citation');
  const { errors } = panel;
  const source = panel.picked('sourceId');
  return (
    <section aria-labelledby="citations-title" className="panel" data-panel="citation">
      <h2 id="citations-title" tabIndex={-1}>
        Sources cited ({citations.length})
      </h2>
      <PanelError message={errors.form} />
      <ol className="citation-list">
        {citations.map((c) => (
          <li key={c.id} className="citation">
            <p className="citation__role">{citationRoleLabel[c.role as keyof typeof citationRoleLabel]}</p>
            {c.quote ? <blockquote className="citation__quote">“{c.quote}”</blockquote> : null}
            {c.quote ? <QuoteCheckStatus check={quoteChecks?.[c.id]} /> : null}
            <p>
              {c.sourceTitle} {c.locator ? <span className="muted">({c.locator})</span> : null}
              {c.archiveUrl ? null : <span className="muted"> · no archived copy</span>}
            </p>
            <RemoveButton
              panel="citation"
              intent={`remove-citation:${c.id}`}
              what={`the citation of “${c.sourceTitle}”`}
            />
          </li>
        ))}
      </ol>
      <fieldset className="subform" data-enter="add-citation">
        <legend>Add a citation</legend>
        <div key={panel.resetKey}>
          <Combobox
            id="citation-source"
            name={panel.name('sourceId')}
            kind="sources"
            label="Source"
            hint="Type a few words of its title, its author or its address."
            create="source"
            {...source}
            error={errors.sourceId}
            candidates={panel.candidates('sourceId')}
          />
          <Field
            as="select"
            id="citation-role"
            name={panel.name('role')}
            label="What the source does"
            defaultValue={panel.value('role')}
            error={errors.role}
          >
            {labelOptions(citationRoleLabel).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Field>
          <Field
            as="textarea"
            id="citation-quote"
            name={panel.name('quote')}
            label="Exact quote"
            rows={3}
            constraint={{ maxLength: 5000 }}
            defaultValue={panel.value('quote')}
            error={errors.quote}
          />
          <Field
            id="citation-locator"
            name={panel.name('locator')}
            label="Where in the source"
            type="text"
            placeholder="paragraph 4, 12:30, p. 7"
            constraint={{ maxLength: 200 }}
            enterKeyHint="go"
            defaultValue={panel.value('locator')}
            error={errors.locator}
          />
        </div>
        <button type="submit" name="intent" value="add-citation" data-resets="citation">
          Add citation
        </button>
      </fieldset>
    </section>
  );
}
