import type { VerdictRef } from '~/domain';

/** The verdict scale as a definition list: each verdict's badge and what it means. */
export function VerdictScale({ verdicts }: { verdicts: Pick<VerdictRef, 'id' | 'label' | 'meaning'>[] }) {
  return (
    <dl className="verdict-scale">
      {verdicts.map((v) => (
        <div key={v.id}>
          <dt>
            <span className={`verdict verdict--${v.id}`}>{v.label}</span>
          </dt>
          <dd>{v.meaning}</dd>
        </div>
      ))}
    </dl>
  );
}
