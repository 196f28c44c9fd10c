import { FieldError } from '~/forms/field';

/** The claim filters (verdict, topic, speaker, date range), shared by the claims index and search. */
export interface ClaimFilterOptions {
  verdicts: { id: string; label: string }[];
  topics: { slug: string; name: string }[];
  speakers: { slug: string; name: string }[];
}

export function ClaimFilterFields({
  idPrefix,
  options,
  typed,
  errors = {},
}: {
  idPrefix: string;
  options: ClaimFilterOptions;
  typed: Record<string, string>;
  errors?: Record<string, string>;
}) {
  const invalid = (name: string) =>
    errors[name] ? { 'aria-invalid': true as const, 'aria-describedby': `${name}-error` } : {};
  const select = (name: string, label: string, any: string, choices: { value: string; label: string }[]) => (
    <div className="field">
      <label htmlFor={`${idPrefix}-${name}`}>{label}</label>
      <select id={`${idPrefix}-${name}`} name={name} defaultValue={typed[name]} {...invalid(name)}>
        <option value="">{any}</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      <FieldError id={`${name}-error`} message={errors[name]} />
    </div>
  );
  const date = (name: string, label: string) => (
    <div className="field">
      <label htmlFor={`${idPrefix}-${name}`}>{label}</label>
      <input id={`${idPrefix}-${name}`} name={name} type="date" defaultValue={typed[name]} {...invalid(name)} />
      <FieldError id={`${name}-error`} message={errors[name]} />
    </div>
  );
  return (
    <>
      {select(
        'verdict',
        'Verdict',
        'Any verdict',
        options.verdicts.map((v) => ({ value: v.id, label: v.label })),
      )}
      {select(
        'topic',
        'Topic',
        'Any topic',
        options.topics.map((t) => ({ value: t.slug, label: t.name })),
      )}
      {select(
        'speaker',
        'Said by',
        'Anyone',
        options.speakers.map((s) => ({ value: s.slug, label: s.name })),
      )}
      {date('from', 'From')}
      {date('to', 'To')}
    </>
  );
}
