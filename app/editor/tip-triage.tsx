/**
 * One reader's tip on the desk's triage page (/editor/tips): what the reader wrote, who said it,
 * where it was seen, the claim a correction request is about, the e-mail to reply to (editors
 * only), and, while it is new, the three ways to handle it. Everything the reader typed is shown
 * as text (React escapes it); only an http(s) address becomes a link.
 */
import { Form, Link } from '@remix-run/react';
import { formatTimestamp } from '~/components/dates';
import { pathOf, STATUS_LABELS } from '~/domain';
import { TIP_KIND_LABELS, TIP_REASON_MAX, TIP_STATUS_LABELS, type TipRow } from '~/domain/tip-fields';
import type { FieldErrors } from '~/forms/errors';
import { Field } from '~/forms/field';

export type TriageTip = TipRow;

/** A refused triage form of this tip: which one, its errors and what was typed. */
export interface TriageFailure {
  intent: string;
  errors: FieldErrors;
  typed: { claim?: string; reason?: string };
}

function Outcome({ tip }: { tip: TriageTip }) {
  const by = tip.handledBy ? ` by ${tip.handledBy}` : '';
  const when = tip.handledAt ? ` on ${formatTimestamp(tip.handledAt)}` : '';
  const claim = tip.result ? (
    <Link to={`/editor/claims/${tip.result.id}`}>{tip.result.statement}</Link>
  ) : (
    'a claim since deleted'
  );
  return (
    <p className="tip__outcome">
      {tip.status === 'converted' ? (
        <>
          Made a draft{by + when}: {claim}
        </>
      ) : null}
      {tip.status === 'already_checked' ? (
        <>
          Already checked{by + when}: {claim}
        </>
      ) : null}
      {tip.status === 'declined' ? (
        <>
          Declined{by + when}: {tip.resolutionNote}
        </>
      ) : null}
      {tip.result ? <span className="muted"> ({STATUS_LABELS[tip.result.status]})</span> : null}
    </p>
  );
}

function Triage({ tip, failure }: { tip: TriageTip; failure: TriageFailure | null }) {
  const failed = (intent: string) => (failure?.intent === intent ? failure : null);
  const checked = failed('already_checked');
  const declined = failed('decline');
  const id = (name: string) => `tip-${tip.id}-${name}`;
  return (
    <div className="tip__actions">
      {failure?.errors.form ? (
        <p className="notice notice--error" role="alert">
          {failure.errors.form}
        </p>
      ) : null}
      {tip.kind === 'claim' ? (
        <Form method="post" className="tip__action" noValidate>
          <input type="hidden" name="tipId" value={tip.id} />
          <button type="submit" name="intent" value="convert">
            Make a draft claim
          </button>
        </Form>
      ) : null}
      <details className="tip__more" open={Boolean(checked)}>
        <summary>{tip.kind === 'correction' ? 'Handled on the claim…' : 'Already checked…'}</summary>
        <Form method="post" className="tip__action" noValidate>
          <input type="hidden" name="tipId" value={tip.id} />
          <input type="hidden" name="intent" value="already_checked" />
          <Field
            id={id('claim')}
            name="claim"
            label={
              tip.kind === 'correction' ? 'Handled on the claim (address)' : 'Already checked by the claim (address)'
            }
            hint="The claim’s slug, or its address /claims/…"
            defaultValue={checked?.typed.claim ?? tip.about?.slug ?? ''}
            autoComplete="off"
            constraint={{ required: true, maxLength: 300 }}
            error={checked?.errors.claim}
            after={
              <button type="submit" className="button--quiet">
                {tip.kind === 'correction' ? 'Mark as handled' : 'Mark as already checked'}
              </button>
            }
          />
        </Form>
      </details>
      <details className="tip__more" open={Boolean(declined)}>
        <summary>Decline…</summary>
        <Form method="post" className="tip__action" noValidate>
          <input type="hidden" name="tipId" value={tip.id} />
          <input type="hidden" name="intent" value="decline" />
          <Field
            as="textarea"
            id={id('reason')}
            name="reason"
            label="Decline, because"
            rows={2}
            defaultValue={declined?.typed.reason ?? ''}
            constraint={{ required: true, maxLength: TIP_REASON_MAX }}
            error={declined?.errors.reason}
            after={
              <button type="submit" className="button--quiet">
                Decline
              </button>
            }
          />
        </Form>
      </details>
    </div>
  );
}

export function TipCard({ tip, failure }: { tip: TriageTip; failure: TriageFailure | null }) {
  return (
    <article className={`tip tip--${tip.status}`} aria-labelledby={`tip-${tip.id}-title`}>
      <h2 id={`tip-${tip.id}-title`} className="tip__title">
        {TIP_KIND_LABELS[tip.kind]} <span className="muted">· received {formatTimestamp(tip.createdAt)}</span>{' '}
        <span className={`tip__status tip__status--${tip.status}`}>{TIP_STATUS_LABELS[tip.status]}</span>
      </h2>
      {tip.about ? (
        <p>
          About: <Link to={pathOf('claims', tip.about.slug)}>{tip.about.statement}</Link>{' '}
          <span className="muted">
            (<Link to={`/editor/claims/${tip.about.id}`}>edit</Link>)
          </span>
        </p>
      ) : null}
      <blockquote className="tip__statement pre">{tip.statement}</blockquote>
      <dl className="tip__facts">
        {tip.speaker ? (
          <div>
            <dt>Said by</dt>
            <dd>{tip.speaker}</dd>
          </div>
        ) : null}
        {tip.seenAt ? (
          <div>
            <dt>Where seen</dt>
            <dd className="pre">
              {tip.seenAtUrl ? (
                <a href={tip.seenAtUrl} rel="noopener noreferrer nofollow">
                  {tip.seenAtUrl}
                </a>
              ) : (
                tip.seenAt
              )}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Reply to</dt>
          <dd>
            {tip.email ? <a href={`mailto:${tip.email}`}>{tip.email}</a> : <span className="muted">no address</span>}
          </dd>
        </div>
      </dl>
      {tip.status === 'new' ? <Triage tip={tip} failure={failure} /> : <Outcome tip={tip} />}
    </article>
  );
}
