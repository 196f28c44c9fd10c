/**
 * A claim's place on the desk, on its editing page and on its own desk page: the state, who has
 * it and by when, with one small form for each change. Every form posts to the claim's desk
 * route (editor.claims.$id.desk.tsx), which goes back to `back` when the change is saved and
 * shows the errors on the desk page when it is not.
 */
import { Form } from '@remix-run/react';
import type { DeskState } from '~/domain';
import { DECLINE_REASON_MAX, deskStateLabel, EDITOR_DESK_STATES, movesByHand } from '~/domain/desk';
import { formatPartialDate } from '~/components/dates';
import type { FieldErrors } from '~/forms/errors';
import { Field } from '~/forms/field';

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
  const action = `/editor/claims/${desk.claimId}/desk`;
  const overdue = desk.dueOn !== null && desk.dueOn < today && !['published', 'declined'].includes(desk.deskState);
  const byHand = movesByHand(desk);
  const hidden = (intent: string) => (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={desk.version} />
      <input type="hidden" name="back" value={back} />
    </>
  );
  return (
    <section aria-labelledby="desk-title" className="panel desk-panel">
      <h2 id="desk-title">Desk</h2>
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

      <Form method="post" action={action} className="inline-form desk-panel__row">
        {hidden('assign')}
        <Field
          as="select"
          id="desk-assignee"
          name="assigneeId"
          label="Assigned to"
          defaultValue={desk.assignee ? String(desk.assignee.id) : ''}
          error={errors.assigneeId}
          after={<button type="submit">Assign</button>}
        >
          <option value="">Nobody</option>
          {desk.editors.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </Field>
      </Form>

      <Form method="post" action={action} className="inline-form desk-panel__row">
        {hidden('due')}
        <Field
          id="desk-due"
          name="dueOn"
          type="date"
          label="Due on"
          defaultValue={typed.dueOn ?? desk.dueOn ?? ''}
          error={errors.dueOn}
          after={
            <>
              <button type="submit">Set due date</button>
              {desk.dueOn ? (
                <button type="submit" name="clear" value="1" className="button--quiet">
                  Clear
                </button>
              ) : null}
            </>
          }
        />
      </Form>

      {byHand ? (
        <>
          <Form method="post" action={action} className="inline-form desk-panel__row">
            {hidden('move')}
            <Field
              as="select"
              id="desk-state"
              name="state"
              label="Move to"
              defaultValue={desk.deskState === 'suggested' ? 'in_research' : 'suggested'}
              error={errors.state}
              after={<button type="submit">Move</button>}
            >
              {EDITOR_DESK_STATES.filter((s) => s !== 'declined' && s !== desk.deskState).map((s) => (
                <option key={s} value={s}>
                  {deskStateLabel[s]}
                  {s === 'in_research' && !desk.assignee ? ' (and take it)' : ''}
                </option>
              ))}
            </Field>
          </Form>
          <Form method="post" action={action} className="desk-panel__row">
            {hidden('move')}
            <input type="hidden" name="state" value="declined" />
            <Field
              as="textarea"
              id="desk-reason"
              name="reason"
              label={desk.deskState === 'declined' ? 'Reason for declining' : 'Decline: say why'}
              hint="Not checkable, already checked elsewhere, out of scope… Kept with the claim for the desk; readers never see it."
              rows={2}
              maxLength={DECLINE_REASON_MAX}
              defaultValue={typed.reason ?? desk.declinedReason ?? ''}
              error={errors.reason}
            />
            <p className="button-row">
              <button type="submit" className="button--danger">
                {desk.deskState === 'declined' ? 'Change the reason' : 'Decline'}
              </button>
            </p>
          </Form>
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
