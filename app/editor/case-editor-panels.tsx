import { Form } from '@remix-run/react';
import { formatPartialDate } from '~/components/dates';

function Hidden({ intent, version }: { intent: string; version: number }) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={version} />
    </>
  );
}

function Input({
  id,
  name,
  label,
  errors,
  ...rest
}: {
  id: string;
  name: string;
  label: string;
  errors: Record<string, string>;
} & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="text"
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `${id}-error` : undefined}
        {...rest}
      />
      {errors[name] ? (
        <p className="field-error" id={`${id}-error`}>
          {errors[name]}
        </p>
      ) : null}
    </div>
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
  failure: { panel: string; errors: Record<string, string> } | null;
}) {
  const errorsFor = (panel: string) => (failure?.panel === panel ? failure.errors : {});
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
        <Form method="post" className="subform">
          <h3>Add a charge</h3>
          <Hidden intent="add-charge" version={version} />
          <Input id="charge-count" name="count" label="Count" errors={errorsFor('charge')} maxLength={20} />
          <Input id="charge-statute" name="statute" label="Statute" errors={errorsFor('charge')} maxLength={200} />
          <Input
            id="charge-description"
            name="description"
            label="Charge"
            errors={errorsFor('charge')}
            maxLength={1000}
          />
          <Input
            id="charge-disposition"
            name="disposition"
            label="Disposition"
            errors={errorsFor('charge')}
            maxLength={500}
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
        <Form method="post" className="subform">
          <h3>Add a defendant</h3>
          <Hidden intent="add-defendant" version={version} />
          <div className="field">
            <label htmlFor="defendant-entity">Person or organisation</label>
            <select
              id="defendant-entity"
              name="entityId"
              defaultValue=""
              aria-invalid={errorsFor('defendant').entityId ? true : undefined}
              aria-describedby={errorsFor('defendant').entityId ? 'defendant-entity-error' : undefined}
            >
              <option value="">Choose…</option>
              {entities.map((e) => (
                <option key={e.value} value={e.value}>
                  {e.label}
                </option>
              ))}
            </select>
            {errorsFor('defendant').entityId ? (
              <p className="field-error" id="defendant-entity-error">
                {errorsFor('defendant').entityId}
              </p>
            ) : null}
          </div>
          <Input id="defendant-note" name="note" label="Note" errors={errorsFor('defendant')} maxLength={300} />
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
        <Form method="post" className="subform">
          <h3>Add an event</h3>
          <Hidden intent="add-event" version={version} />
          <Input
            id="event-date"
            name="occurredOn"
            label="Date (YYYY-MM-DD)"
            errors={errorsFor('event')}
            maxLength={10}
          />
          <Input
            id="event-description"
            name="description"
            label="What happened"
            errors={errorsFor('event')}
            maxLength={1000}
          />
          <div className="field">
            <label htmlFor="event-source">Source</label>
            <select id="event-source" name="sourceId" defaultValue="">
              <option value="">— None —</option>
              {sources.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">Add event</button>
        </Form>
      </section>
    </>
  );
}
