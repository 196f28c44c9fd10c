/**
 * A claim's place on the desk, on its editing page and on its own desk page: the state, who has
 * it and by when, with a control for each change.
 *
 * On the desk page each change is a small form posting to the claim's desk route
 * (editor.claims.$id.desk.tsx), which goes back to `back` when the change is saved and shows the
 * errors on the desk page when it is not. On the claim's editing page (`embedded`) the panel is a
 * section of the page's one form: its inputs are `desk.*`, its buttons intents (`desk-assign`),
 * so what was typed in the claim is saved first and nothing is lost.
 */
import { Form } from '@remix-run/react';
import type { ReactNode } from 'react';
import type { DeskState } from '~/domain';
import { DECLINE_REASON_MAX, deskStateLabel, EDITOR_DESK_STATES, movesByHand } from '~/domain/desk';
import { formatPartialDate } from '~/components/dates';
import type { FieldErrors } from '~/forms/errors';
import { Field } from '~/forms/field';
import { usePanel } from './page-form';

export interface DeskPanelClaim {
  claimId: number;
  version: number;
  status: string;
  deskState: DeskState;
  declinedReason: string | null;
  assignee: { id: number; name: string } | null;
  dueOn: string | null;
  editors: { id: number; name: string }[];
}

interface DeskControls {
  /** An input's name. */
  name: (field: string) => string;
  /** What an input starts with. */
  value: (field: string) => string;
  errors: FieldErrors;
  /**
   * A row of one change: a form of its own, or part of the page's form (a render function, not a
   * component: a component made anew each render would redraw its inputs empty).
   */
  row: (intent: string, className: string, children: ReactNode) => ReactNode;
  /** The submit button of a change (`variant`: the due date's Clear). */
  button: (intent: string, label: string, className?: string, variant?: 'clear') => ReactNode;
}

/** The panel on the claim's desk page: small forms posting to the desk route. */
export function DeskPanel({
  desk,
  today,
  back,
  errors = {},
  typed = {},
}: {
  desk: DeskPanelClaim;
  /** YYYY-MM-DD: a due date before it is overdue. */
  today: string;
  /** Where a saved change returns to (this claim's editing page, or its desk page). */
  back: string;
  errors?: FieldErrors;
  /** What the editor typed, shown again after an error. */
  typed?: { reason?: string; dueOn?: string; state?: string };
}) {
  const starts: Record<string, string> = {
    assigneeId: desk.assignee ? String(desk.assignee.id) : '',
    dueOn: typed.dueOn ?? desk.dueOn ?? '',
    state: desk.deskState === 'suggested' ? 'in_research' : 'suggested',
    reason: typed.reason ?? desk.declinedReason ?? '',
  };
  const controls: DeskControls = {
    name: (field) => field,
    value: (field) => starts[field] ?? '',
    errors,
    row: (intent, className, children) => (
      <Form method="post" action={`/editor/claims/${desk.claimId}/desk`} className={className}>
        <input type="hidden" name="intent" value={intent === 'decline' ? 'move' : intent} />
        {intent === 'decline' ? <input type="hidden" name="state" value="declined" /> : null}
        <input type="hidden" name="version" value={desk.version} />
        <input type="hidden" name="back" value={back} />
        {children}
      </Form>
    ),
    button: (_intent, label, className, variant) =>
      variant === 'clear' ? (
        <button type="submit" name="clear" value="1" className={className}>
          {label}
        </button>
      ) : (
        <button type="submit" className={className}>
          {label}
        </button>
      ),
  };
  return <DeskControlsPanel desk={desk} today={today} controls={controls} />;
}

/** The panel on the claim's editing page: a section of the page's one form. */
export function EmbeddedDeskPanel({ desk, today }: { desk: DeskPanelClaim; today: string }) {
  const panel = usePanel('desk');
  const controls: DeskControls = {
    name: panel.name,
    value: panel.value,
    errors: panel.errors,
    row: (intent, className, children) => (
      <div className={className} data-enter={intent === 'due' ? 'desk-due' : ''}>
        {children}
      </div>
    ),
    button: (intent, label, className, variant) => (
      <button type="submit" name="intent" value={`desk-${intent}${variant ? `-${variant}` : ''}`} className={className}>
        {label}
      </button>
    ),
  };
  return <DeskControlsPanel desk={desk} today={today} controls={controls} />;
}

function DeskControlsPanel({ desk, today, controls }: { desk: DeskPanelClaim; today: string; controls: DeskControls }) {
  const { name, value, errors, row, button } = controls;
  const overdue = desk.dueOn !== null && desk.dueOn < today && !['published', 'declined'].includes(desk.deskState);
  const byHand = movesByHand(desk);
  return (
    <section aria-labelledby="desk-title" className="panel desk-panel" data-panel="desk">
      <h2 id="desk-title" tabIndex={-1}>
        Desk
      </h2>
      <p className="desk-panel__summary">
        <span className={`desk-state desk-state--${desk.deskState}`}>{deskStateLabel[desk.deskState]}</span>
        {' · '}
        {desk.assignee ? <>assigned to {desk.assignee.name}</> : 'nobody has it'}
        {' · '}
        {desk.dueOn ? (
          <span className={overdue ? 'desk-due desk-due--overdue' : 'desk-due'}>
            due {formatPartialDate(desk.dueOn)}
            {overdue ? ' (overdue)' : ''}
          </span>
        ) : (
          'no due date'
        )}
      </p>
      {desk.deskState === 'declined' && desk.declinedReason ? (
        <p className="muted">Declined: {desk.declinedReason}</p>
      ) : null}
      {errors.form ? (
        <p className="notice notice--error" role="alert">
          {errors.form}
        </p>
      ) : null}

      {row(
        'assign',
        'inline-form desk-panel__row',
        <>
          <Field
            as="select"
            id="desk-assignee"
            name={name('assigneeId')}
            label="Assigned to"
            defaultValue={value('assigneeId')}
            error={errors.assigneeId}
            after={button('assign', 'Assign')}
          >
            <option value="">Nobody</option>
            {desk.editors.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </Field>
        </>,
      )}

      {row(
        'due',
        'inline-form desk-panel__row',
        <>
          <Field
            id="desk-due"
            name={name('dueOn')}
            type="date"
            label="Due on"
            defaultValue={value('dueOn')}
            error={errors.dueOn}
            enterKeyHint="go"
            after={
              <>
                {button('due', 'Set due date')}
                {desk.dueOn ? button('due', 'Clear', 'button--quiet', 'clear') : null}
              </>
            }
          />
        </>,
      )}

      {byHand ? (
        <>
          {row(
            'move',
            'inline-form desk-panel__row',
            <>
              <Field
                as="select"
                id="desk-state"
                name={name('state')}
                label="Move to"
                defaultValue={value('state')}
                error={errors.state}
                after={button('move', 'Move')}
              >
                {EDITOR_DESK_STATES.filter((s) => s !== 'declined' && s !== desk.deskState).map((s) => (
                  <option key={s} value={s}>
                    {deskStateLabel[s]}
                    {s === 'in_research' && !desk.assignee ? ' (and take it)' : ''}
                  </option>
                ))}
              </Field>
            </>,
          )}
          {row(
            'decline',
            'desk-panel__row',
            <>
              <Field
                as="textarea"
                id="desk-reason"
                name={name('reason')}
                label={desk.deskState === 'declined' ? 'Reason for declining' : 'Decline: say why'}
                hint="Not checkable, already checked elsewhere, out of scope… Kept with the claim for the desk; readers never see it."
                rows={2}
                constraint={{ maxLength: DECLINE_REASON_MAX }}
                defaultValue={value('reason')}
                error={errors.reason}
              />
              <p className="button-row">
                {button('decline', desk.deskState === 'declined' ? 'Change the reason' : 'Decline', 'button--danger')}
              </p>
            </>,
          )}
        </>
      ) : (
        <p className="muted">
          {desk.status === 'draft'
            ? 'The review moves this claim on from here.'
            : 'This claim is public: changes to it go through review.'}
        </p>
      )}
    </section>
  );
}
