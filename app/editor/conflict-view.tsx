import type { FieldSpec, KindSpec } from '~/domain';
import { EntryForm, type FormValues, type Options } from '~/editor/entry-form';

const joined = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(', ') : value || '—');
/** A field's value as the editor knows it: references by their titles, not their ids. */
const show = (values: FormValues, f: FieldSpec) =>
  joined(
    f.type === 'reference'
      ? values[`${f.name}__text`]
      : f.type === 'references'
        ? values[`${f.name}__titles`]
        : values[f.name],
  );

/**
 * Someone saved this entry after the editor opened it. Show both texts side by side and keep the
 * editor's text in a form that, if saved, deliberately replaces the newer version.
 */
export function ConflictView({
  spec,
  current,
  yours,
  options,
}: {
  spec: KindSpec;
  current: { version: number; values: FormValues };
  yours: FormValues | null;
  options: Options;
}) {
  const changed = spec.fields.filter((f) => yours && show(yours, f) !== show(current.values, f));
  return (
    <section aria-labelledby="conflict-title" className="conflict">
      <h2 id="conflict-title">{`Someone else changed this ${spec.singular} while you were editing`}</h2>
      <p className="notice notice--warning" role="alert">
        Your changes were not saved. The entry is now at version {current.version}. Compare the two below; your text is
        kept in the form underneath. Saving it replaces their version (which stays in the history).
      </p>
      {changed.length > 0 ? (
        <div className="table-wrap">
          <table className="conflict-table">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Their version (saved)</th>
                <th scope="col">Your version (not saved)</th>
              </tr>
            </thead>
            <tbody>
              {changed.map((f) => (
                <tr key={f.name}>
                  <th scope="row">{f.label}</th>
                  <td className="pre">{show(current.values, f)}</td>
                  <td className="pre">{show(yours ?? {}, f)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <EntryForm
        spec={spec}
        values={yours ?? current.values}
        errors={{}}
        options={options}
        version={current.version}
        submitLabel="Save my version"
      />
    </section>
  );
}
