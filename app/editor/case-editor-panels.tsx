/**
 * A court case's charges, defendants and dated events on its editing page: sections of the page's
 * one form (page-form.tsx), inputs named `charge.*`, `defendant.*` and `event.*`, each action a
 * submit button that saves the case's fields first. Defendants and an event's source are picked
 * by typing (Combobox).
 */
import { formatPartialDate } from '~/components/dates';
import { chargeSchema, defendantSchema, eventSchema } from '~/domain/case-fields';
import { constraintsOf } from '~/forms/constraints';
import { Field } from '~/forms/field';
import { Combobox } from './combobox';
import { usePanel } from './page-form';
import { PanelError, RemoveButton } from './panel-parts';

const charge = constraintsOf(chargeSchema);
const defendant = constraintsOf(defendantSchema);
const event = constraintsOf(eventSchema);

export interface CaseParts {
  charges: {
    id: number;
    count: string | null;
    statute: string | null;
    description: string;
    disposition: string | null;
  }[];
  defendants: { entityId: number; name: string; note: string | null }[];
  events: { id: number; occurredOn: string; description: string; sourceTitle: string | null }[];
}

function ChargesPanel({ charges }: { charges: CaseParts['charges'] }) {
  const panel = usePanel('charge');
  const { errors } = panel;
  const text = (field: 'count' | 'statute' | 'description' | 'disposition', label: string) => (
    <Field
      id={`charge-${field}`}
      name={panel.name(field)}
      label={label}
      type="text"
      constraint={charge[field]}
      enterKeyHint="go"
      defaultValue={panel.value(field)}
      error={errors[field]}
    />
  );
  return (
    <section aria-labelledby="charges-title" className="panel" data-panel="charge">
      <h2 id="charges-title" tabIndex={-1}>
        Charges ({charges.length})
      </h2>
      <PanelError message={errors.form} />
      <ul className="plain-list">
        {charges.map((c) => (
          <li key={c.id}>
            {c.count ? `Count ${c.count}: ` : ''}
            {c.description} {c.statute ? <span className="muted">({c.statute})</span> : null}
            {c.disposition ? <span className="muted"> · {c.disposition}</span> : null}{' '}
            <RemoveButton panel="charge" intent={`remove-charge:${c.id}`} what={`the charge “${c.description}”`} />
          </li>
        ))}
      </ul>
      <fieldset className="subform" data-enter="add-charge">
        <legend>Add a charge</legend>
        <div key={panel.resetKey}>
          {text('count', 'Count')}
          {text('statute', 'Statute')}
          {text('description', 'Charge')}
          {text('disposition', 'Disposition')}
        </div>
        <button type="submit" name="intent" value="add-charge" data-resets="charge">
          Add charge
        </button>
      </fieldset>
    </section>
  );
}

function DefendantsPanel({ defendants }: { defendants: CaseParts['defendants'] }) {
  const panel = usePanel('defendant');
  const { errors } = panel;
  const entity = panel.picked('entityId');
  return (
    <section aria-labelledby="defendants-title" className="panel" data-panel="defendant">
      <h2 id="defendants-title" tabIndex={-1}>
        Defendants ({defendants.length})
      </h2>
      <PanelError message={errors.form} />
      <ul className="plain-list">
        {defendants.map((d) => (
          <li key={d.entityId}>
            {d.name} {d.note ? <span className="muted">({d.note})</span> : null}{' '}
            <RemoveButton
              panel="defendant"
              intent={`remove-defendant:${d.entityId}`}
              what={`the defendant ${d.name}`}
            />
          </li>
        ))}
      </ul>
      <fieldset className="subform" data-enter="add-defendant">
        <legend>Add a defendant</legend>
        <div key={panel.resetKey}>
          <Combobox
            id="defendant-entity"
            name={panel.name('entityId')}
            kind="entities"
            label="Person or organisation"
            create="person"
            {...entity}
            error={errors.entityId}
            candidates={panel.candidates('entityId')}
          />
          <Field
            id="defendant-note"
            name={panel.name('note')}
            label="Note on the defendant"
            type="text"
            constraint={defendant.note}
            enterKeyHint="go"
            defaultValue={panel.value('note')}
            error={errors.note}
          />
        </div>
        <button type="submit" name="intent" value="add-defendant" data-resets="defendant">
          Add defendant
        </button>
      </fieldset>
    </section>
  );
}

function EventsPanel({ events }: { events: CaseParts['events'] }) {
  const panel = usePanel('event');
  const { errors } = panel;
  const source = panel.picked('sourceId');
  return (
    <section aria-labelledby="events-title" className="panel" data-panel="event">
      <h2 id="events-title" tabIndex={-1}>
        Events ({events.length})
      </h2>
      <PanelError message={errors.form} />
      <ul className="plain-list">
        {events.map((e) => (
          <li key={e.id}>
            <strong>{formatPartialDate(e.occurredOn)}</strong> · {e.description}
            {e.sourceTitle ? <span className="muted"> · {e.sourceTitle}</span> : null}{' '}
            <RemoveButton panel="event" intent={`remove-event:${e.id}`} what={`the event “${e.description}”`} />
          </li>
        ))}
      </ul>
      <fieldset className="subform" data-enter="add-event">
        <legend>Add an event</legend>
        <div key={panel.resetKey}>
          <Field
            id="event-date"
            name={panel.name('occurredOn')}
            label="Date (YYYY-MM-DD)"
            type="text"
            constraint={event.occurredOn}
            enterKeyHint="go"
            defaultValue={panel.value('occurredOn')}
            error={errors.occurredOn}
          />
          <Field
            id="event-description"
            name={panel.name('description')}
            label="What happened"
            type="text"
            constraint={event.description}
            enterKeyHint="go"
            defaultValue={panel.value('description')}
            error={errors.description}
          />
          <Combobox
            id="event-source"
            name={panel.name('sourceId')}
            kind="sources"
            label="Source"
            hint="Optional: the filing or report that records it."
            create="source"
            {...source}
            error={errors.sourceId}
            candidates={panel.candidates('sourceId')}
          />
        </div>
        <button type="submit" name="intent" value="add-event" data-resets="event">
          Add event
        </button>
      </fieldset>
    </section>
  );
}

export function CasePanels({ parts }: { parts: CaseParts }) {
  return (
    <>
      <ChargesPanel charges={parts.charges} />
      <DefendantsPanel defendants={parts.defendants} />
      <EventsPanel events={parts.events} />
    </>
  );
}
