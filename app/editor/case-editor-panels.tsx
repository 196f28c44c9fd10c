import { Form } from '@remix-run/react';
import { formatPartialDate } from '~/components/dates';
import { chargeSchema, defendantSchema, eventSchema } from '~/domain/case-fields';
import { constraintsOf } from '~/forms/constraints';
import type { FieldErrors } from '~/forms/errors';
import { Field } from '~/forms/field';

const charge = constraintsOf(chargeSchema);
const defendant = constraintsOf(defendantSchema);
const event = constraintsOf(eventSchema);

function Hidden({ intent, version }: { intent: string; version: number }) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={version} />
    </>
  );
}

function RemoveButton({
  intent,
  version,
  name,
  value,
  label,
}: {
  intent: string;
  version: number;
  name: string;
  value: number;
  label: string;
}) {
  return (
    <Form method="post" className="inline">
      <Hidden intent={intent} version={version} />
      <input type="hidden" name={name} value={value} />
      <button type="submit" className="button--quiet">
        Remove<span className="visually-hidden"> {label}</span>
      </button>
    </Form>
  );
}

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

export function CasePanels({
  parts,
  version,
  entities,
  sources,
  failure,
}: {
  parts: CaseParts;
  version: number;
  entities: { value: string; label: string }[];
  sources: { id: number; title: string }[];
  failure: { panel: string; errors: FieldErrors } | null;
}) {
  const errorsFor = (panel: string): FieldErrors => (failure?.panel === panel ? failure.errors : {});
  const [chargeErrors, defendantErrors, eventErrors] = [
    errorsFor('charge'),
    errorsFor('defendant'),
    errorsFor('event'),
  ];
  return (
    <>
      <section aria-labelledby="charges-title" className="panel">
        <h2 id="charges-title">Charges ({parts.charges.length})</h2>
        <ul className="plain-list">
          {parts.charges.map((c) => (
            <li key={c.id}>
              {c.count ? `Count ${c.count}: ` : ''}
              {c.description} {c.statute ? <span className="muted">({c.statute})</span> : null}
              {c.disposition ? <span className="muted"> · {c.disposition}</span> : null}
              <RemoveButton
                intent="remove-charge"
                version={version}
                name="chargeId"
                value={c.id}
                label={c.description}
              />
            </li>
          ))}
        </ul>
        <Form method="post" className="subform" noValidate>
          <h3>Add a charge</h3>
          <Hidden intent="add-charge" version={version} />
          <Field
            id="charge-count"
            name="count"
            label="Count"
            type="text"
            constraint={charge.count}
            error={chargeErrors.count}
          />
          <Field
            id="charge-statute"
            name="statute"
            label="Statute"
            type="text"
            constraint={charge.statute}
            error={chargeErrors.statute}
          />
          <Field
            id="charge-description"
            name="description"
            label="Charge"
            type="text"
            constraint={charge.description}
            error={chargeErrors.description}
          />
          <Field
            id="charge-disposition"
            name="disposition"
            label="Disposition"
            type="text"
            constraint={charge.disposition}
            error={chargeErrors.disposition}
          />
          <button type="submit">Add charge</button>
        </Form>
      </section>

      <section aria-labelledby="defendants-title" className="panel">
        <h2 id="defendants-title">Defendants ({parts.defendants.length})</h2>
        <ul className="plain-list">
          {parts.defendants.map((d) => (
            <li key={d.entityId}>
              {d.name} {d.note ? <span className="muted">({d.note})</span> : null}
              <RemoveButton
                intent="remove-defendant"
                version={version}
                name="entityId"
                value={d.entityId}
                label={d.name}
              />
            </li>
          ))}
        </ul>
        <Form method="post" className="subform" noValidate>
          <h3>Add a defendant</h3>
          <Hidden intent="add-defendant" version={version} />
          <Field
            as="select"
            id="defendant-entity"
            name="entityId"
            label="Person or organisation"
            defaultValue=""
            constraint={defendant.entityId}
            error={defendantErrors.entityId}
          >
            <option value="">Choose…</option>
            {entities.map((e) => (
              <option key={e.value} value={e.value}>
                {e.label}
              </option>
            ))}
          </Field>
          <Field
            id="defendant-note"
            name="note"
            label="Note"
            type="text"
            constraint={defendant.note}
            error={defendantErrors.note}
          />
          <button type="submit">Add defendant</button>
        </Form>
      </section>

      <section aria-labelledby="events-title" className="panel">
        <h2 id="events-title">Events ({parts.events.length})</h2>
        <ul className="plain-list">
          {parts.events.map((e) => (
            <li key={e.id}>
              <strong>{formatPartialDate(e.occurredOn)}</strong> · {e.description}
              {e.sourceTitle ? <span className="muted"> · {e.sourceTitle}</span> : null}
              <RemoveButton intent="remove-event" version={version} name="eventId" value={e.id} label={e.description} />
            </li>
          ))}
        </ul>
        <Form method="post" className="subform" noValidate>
          <h3>Add an event</h3>
          <Hidden intent="add-event" version={version} />
          <Field
            id="event-date"
            name="occurredOn"
            label="Date (YYYY-MM-DD)"
            type="text"
            constraint={event.occurredOn}
            error={eventErrors.occurredOn}
          />
          <Field
            id="event-description"
            name="description"
            label="What happened"
            type="text"
            constraint={event.description}
            error={eventErrors.description}
          />
          <Field
            as="select"
            id="event-source"
            name="sourceId"
            label="Source"
            defaultValue=""
            constraint={event.sourceId}
            error={eventErrors.sourceId}
          >
            <option value="">— None —</option>
            {sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </Field>
          <button type="submit">Add event</button>
        </Form>
      </section>
    </>
  );
}
