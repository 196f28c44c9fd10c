import type { FieldSpec, KindSpec } from '~/domain';
import type { FormValues } from '~/editor/entry-form';

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

/** "Ana Author", "Ana Author and you (in another window)", "Ana, Ben and Cy": who saved since. */
function names(list: string[], yourName: string): string {
  const named = list.map((name) => (name === yourName ? 'you (in another window)' : name));
  const text =
    named.length <= 1 ? (named[0] ?? 'someone else') : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Someone saved this entry after the editor opened it. Show both texts side by side, naming who
 * saved; the editor's text stays in the page's form below (the one form: its fields and every
 * panel keep what was typed), and saving it deliberately replaces the newer version.
 */
export function ConflictView({
  spec,
  current,
  yours,
  changedBy,
  yourName,
}: {
  spec: KindSpec;
  current: { version: number; values: FormValues };
  yours: FormValues | null;
  /** Who saved the entry since the editor's version, newest first. */
  changedBy: string[];
  /** The signed-in editor, who may have saved it in another window. */
  yourName: string;
}) {
  const changed = spec.fields.filter((f) => yours && show(yours, f) !== show(current.values, f));
  return (
    <section aria-labelledby="conflict-title" className="conflict">
      <h2 id="conflict-title">{`${names(changedBy, yourName)} changed this ${spec.singular} while you were editing`}</h2>
      <p className="notice notice--warning" role="alert">
        Your changes were not saved, and nothing else you asked for was done. The entry is now at version{' '}
        {current.version}. Compare the two below; your text is kept in the form underneath. Saving it replaces their
        version (which stays in the history).
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
      ) : (
        <p>Their change was not to these fields (a citation, a link, the desk…): look at the page below.</p>
      )}
    </section>
  );
}
