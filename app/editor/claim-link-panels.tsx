/**
 * The claim's links on its editing page: related claims (rebuts, supports…) and court cases
 * (cites, is based on, is about). Sections of the page's one form (page-form.tsx); the other
 * claim and the case are picked by typing (Combobox), and without JavaScript the typed words are
 * looked up when the link is added.
 */
import { Link } from '@remix-run/react';
import { caseRoleLabel, labelOptions, relationIncoming, relationOutgoing, type RelationKind } from '~/domain';
import { Field } from '~/forms/field';
import { Combobox } from './combobox';
import { usePanel } from './page-form';
import { PanelError, RemoveButton } from './panel-parts';

interface Relation {
  id: number;
  kind: string;
  note: string | null;
  slug: string;
  statement: string;
}

interface CaseLink {
  key: string;
  slug: string;
  caption: string;
  caseNumber: string | null;
  role: string;
  note: string | null;
}

export function RelationsPanel({ outgoing, incoming }: { outgoing: Relation[]; incoming: Relation[] }) {
  const panel = usePanel('relation');
  const { errors } = panel;
  const other = panel.picked('otherClaimId');
  return (
    <section aria-labelledby="relations-title" className="panel" data-panel="relation">
      <h2 id="relations-title" tabIndex={-1}>
        Related claims
      </h2>
      <PanelError message={errors.form} />
      <ul className="plain-list">
        {outgoing.map((r) => (
          <li key={r.id}>
            {relationOutgoing[r.kind as RelationKind]}: <Link to={`/claims/${r.slug}`}>{r.statement}</Link>
            {r.note ? <span className="muted"> ({r.note})</span> : null}{' '}
            <RemoveButton panel="relation" intent={`remove-relation:${r.id}`} what={`the link to “${r.statement}”`} />
          </li>
        ))}
        {incoming.map((r) => (
          <li key={`in-${r.id}`} className="muted">
            {relationIncoming[r.kind as RelationKind] ?? r.kind}: {r.statement} (edit the link there)
          </li>
        ))}
      </ul>
      <fieldset className="subform" data-enter="add-relation">
        <legend>Link to another claim</legend>
        <div key={panel.resetKey}>
          <Field
            as="select"
            id="relation-kind"
            name={panel.name('kind')}
            label="This claim…"
            defaultValue={panel.value('kind')}
            error={errors.kind}
          >
            {labelOptions(relationOutgoing).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label.toLowerCase()}
              </option>
            ))}
          </Field>
          <Combobox
            id="relation-other"
            name={panel.name('otherClaimId')}
            kind="claims"
            label="…this claim"
            hint="Type words of its statement; drafts are found too."
            {...other}
            error={errors.otherClaimId}
            candidates={panel.candidates('otherClaimId')}
          />
          <Field
            id="relation-note"
            name={panel.name('note')}
            label="Note on the link"
            type="text"
            constraint={{ maxLength: 1000 }}
            enterKeyHint="go"
            defaultValue={panel.value('note')}
            error={errors.note}
          />
        </div>
        <button type="submit" name="intent" value="add-relation" data-resets="relation">
          Add link
        </button>
      </fieldset>
    </section>
  );
}

/** The claim's court cases (issue 11, newsroom trial P9): until now only content/ could set them. */
export function CaseLinksPanel({ links }: { links: CaseLink[] }) {
  const panel = usePanel('cases');
  const { errors } = panel;
  const chosen = panel.picked('caseId');
  return (
    <section aria-labelledby="cases-title" className="panel" data-panel="cases">
      <h2 id="cases-title" tabIndex={-1}>
        Court cases ({links.length})
      </h2>
      <PanelError message={errors.form} />
      <ul className="plain-list">
        {links.map((k) => (
          <li key={k.key}>
            {caseRoleLabel[k.role as keyof typeof caseRoleLabel] ?? k.role}:{' '}
            <Link to={`/cases/${k.slug}`}>{k.caption}</Link>
            {k.caseNumber ? <span className="muted"> ({k.caseNumber})</span> : null}
            {k.note ? <span className="muted"> · {k.note}</span> : null}{' '}
            <RemoveButton panel="cases" intent={`remove-case-link:${k.key}`} what={`the link to ${k.caption}`} />
          </li>
        ))}
      </ul>
      <fieldset className="subform" data-enter="add-case-link">
        <legend>Link to a court case</legend>
        <div key={panel.resetKey}>
          <Combobox
            id="case-link-case"
            name={panel.name('caseId')}
            kind="cases"
            label="Court case"
            hint="Type words of its caption, its court or its number."
            {...chosen}
            error={errors.caseId}
            candidates={panel.candidates('caseId')}
          />
          <Field
            as="select"
            id="case-link-role"
            name={panel.name('role')}
            label="The claim…"
            defaultValue={panel.value('role')}
            error={errors.role}
          >
            {labelOptions(caseRoleLabel).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label.toLowerCase()}
              </option>
            ))}
          </Field>
          <Field
            id="case-link-note"
            name={panel.name('note')}
            label="Note on the case link"
            type="text"
            constraint={{ maxLength: 1000 }}
            enterKeyHint="go"
            defaultValue={panel.value('note')}
            error={errors.note}
          />
        </div>
        <button type="submit" name="intent" value="add-case-link" data-resets="cases">
          Link the case
        </button>
      </fieldset>
    </section>
  );
}
