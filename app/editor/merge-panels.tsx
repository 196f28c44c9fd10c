/**
 * The merge page's parts (decision 8): finding the other entry by typing (the Combobox in a GET
 * form: without JavaScript the typed words are looked up and the matches offered as radio
 * buttons), the preview of what the merge will move with its confirmation, and a claim merge
 * waiting for a second editor.
 *
 * Radio buttons and checkboxes stay outside `.field`, `.panel` and `.subform`, whose inputs the
 * editor's stylesheet stretches to the full width (meant for text fields).
 */
import { Form, Link } from '@remix-run/react';
import type { PickedEntry, PickKind, PickMatch } from '~/domain';
import { Field, FieldError } from '~/forms/field';
import { Combobox } from './combobox';

export interface MergeSideView {
  id: number;
  slug: string;
  title: string;
  version: number;
  status: string | null;
  isPublic: boolean;
  path: string;
  /** Its editing page. */
  editPath: string;
  detail: string;
}

export interface MergePlanView {
  keep: MergeSideView;
  remove: MergeSideView;
  moves: { label: string; count: number; dropped: number }[];
  logEntries: number;
  needsReview: boolean;
  refusals: string[];
  publicNote: string | null;
}

/** A long statement cut to a phrase, where the sentence around it names the entry. */
const short = (title: string, max = 90) => (title.length > max ? `${title.slice(0, max - 1).trimEnd()}…` : title);

/** "Find the other source": a Combobox over the pick endpoint, and the preview button. */
export function MergeFinder({
  kind,
  singular,
  chosen,
  text,
  candidates,
  error,
  lookalikes,
}: {
  kind: PickKind;
  singular: string;
  chosen: PickedEntry | null;
  text?: string;
  candidates: PickMatch[];
  error?: string | null;
  /** Entries named like this one, each with the address of its preview. */
  lookalikes: { id: number; slug: string; title: string; detail: string; href: string }[];
}) {
  return (
    <Form method="get" aria-labelledby="merge-find-title">
      <h2 id="merge-find-title">Find the other {singular}</h2>
      <Combobox
        name="other"
        kind={kind}
        label={`The other ${singular}`}
        hint={`Type a few words of its ${singular === 'claim' ? 'statement' : 'title or name'}; drafts are included. Nothing changes until you have seen what the merge will do and confirmed it.`}
        value={chosen}
        text={text}
        candidates={candidates}
        error={error ?? undefined}
      />
      <button type="submit">Show what the merge will do</button>
      {lookalikes.length > 0 ? (
        <section aria-labelledby="merge-lookalikes-title">
          <h3 id="merge-lookalikes-title">Named like this one</h3>
          <ul className="plain-list">
            {lookalikes.map((l) => (
              <li key={l.id}>
                <Link to={l.href}>{short(l.title) || 'Untitled'}</Link>{' '}
                <span className="muted">
                  · {l.slug}
                  {l.detail ? ` · ${l.detail}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Form>
  );
}

function Side({ label, side }: { label: string; side: MergeSideView }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        <strong>{side.title || 'Untitled'}</strong>{' '}
        <span className="muted">
          · {side.isPublic ? side.path : `${side.slug} (never public)`}
          {side.detail ? ` · ${side.detail}` : ''}
        </span>{' '}
        <Link to={side.editPath}>Open in the editor</Link>
      </dd>
    </div>
  );
}

/** What the merge will do, with the confirmation that does it (or why it cannot be done). */
export function MergePreview({
  plan,
  singular,
  plural,
  swapHref,
  action,
  confirmError,
}: {
  plan: MergePlanView;
  singular: string;
  plural: string;
  swapHref: string;
  action: string;
  confirmError?: string;
}) {
  const { keep, remove } = plan;
  const moving = plan.moves.filter((m) => m.count > 0);
  return (
    <section aria-labelledby="merge-preview-title">
      <h2 id="merge-preview-title">What the merge will do</h2>
      <dl className="facts">
        <Side label="Stays" side={keep} />
        <Side label="Goes" side={remove} />
      </dl>
      <p>
        <Link to={swapHref}>
          Keep “{short(remove.title) || 'Untitled'}” ({remove.slug}) instead
        </Link>
      </p>
      {moving.length > 0 ? (
        <table>
          <caption>
            Moves from “{short(remove.title)}” to the {singular} that stays
          </caption>
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">Moves</th>
              <th scope="col">Already there, dropped</th>
            </tr>
          </thead>
          <tbody>
            {moving.map((m) => (
              <tr key={m.label}>
                <th scope="row">{m.label.charAt(0).toUpperCase() + m.label.slice(1)}</th>
                <td>{m.count - m.dropped}</td>
                <td>{m.dropped}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>Nothing refers to “{short(remove.title)}”: nothing moves.</p>
      )}
      <ul>
        <li>
          {remove.isPublic
            ? `Its address ${remove.path} (and any old address of it) will lead to ${keep.isPublic ? keep.path : 'the one that stays'}.`
            : 'Its old address will lead to the one that stays.'}
        </li>
        <li>
          The fields of “{short(keep.title)}” stay as they are; the history of each records the merge, and the one that
          goes keeps its whole history.
        </li>
        {plan.logEntries > 0 ? (
          <li>
            Its public log ({plan.logEntries} {plan.logEntries === 1 ? 'entry' : 'entries'}) stays in its history.
          </li>
        ) : null}
        {plan.needsReview ? (
          <li>
            Readers have seen {remove.isPublic ? 'both claims' : 'the claim that stays'}, so the merge is proposed and
            happens when another editor approves it. Its public log will then say: “{plan.publicNote}”
          </li>
        ) : null}
      </ul>
      {plan.refusals.length > 0 ? (
        <div className="notice notice--error" role="alert">
          <p>This merge cannot be done yet:</p>
          <ul>
            {plan.refusals.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      ) : (
        <Form method="post" action={action}>
          <input type="hidden" name="intent" value="merge" />
          <input type="hidden" name="keepId" value={keep.id} />
          <input type="hidden" name="removeId" value={remove.id} />
          <input type="hidden" name="keepVersion" value={keep.version} />
          <input type="hidden" name="removeVersion" value={remove.version} />
          <p>
            <label>
              <input
                type="checkbox"
                name="confirm"
                value="yes"
                required
                aria-invalid={confirmError ? true : undefined}
                aria-describedby={confirmError ? 'merge-confirm-error' : undefined}
              />{' '}
              I understand that “{short(remove.title)}” will be removed and everything shown above moves to “
              {short(keep.title)}”.
            </label>
          </p>
          <FieldError id="merge-confirm-error" message={confirmError} />
          <button type="submit" className="button--danger">
            {plan.needsReview ? 'Propose the merge' : `Merge the two ${plural}`}
          </button>
        </Form>
      )}
    </section>
  );
}

export interface PendingMergeView {
  proposalId: number;
  keep: MergeSideView;
  remove: MergeSideView;
  publicNote: string | null;
  proposedByName: string;
  own: boolean;
  canApprove: boolean;
}

function Intent({ intent, proposalId }: { intent: string; proposalId: number }) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="proposalId" value={proposalId} />
    </>
  );
}

/** A claim merge waiting for a second editor: what it will do, and approve / return / withdraw. */
export function PendingMerge({
  pending,
  action,
  error,
}: {
  pending: PendingMergeView;
  action: string;
  error?: string;
}) {
  return (
    <section className="panel notice notice--warning" aria-labelledby="merge-pending-title">
      <h2 id="merge-pending-title">A merge is waiting for review</h2>
      <p>
        {pending.proposedByName} proposed merging “{short(pending.remove.title)}” into “{short(pending.keep.title)}”.
        Readers see both as they were until another editor approves it. The public log of the claim that stays will then
        say: “{pending.publicNote}”
      </p>
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="button-row">
        {pending.canApprove ? (
          <Form method="post" action={action}>
            <Intent intent="approve" proposalId={pending.proposalId} />
            <button type="submit">
              {pending.own ? 'Approve my own merge (not independently reviewed)' : 'Approve the merge'}
            </button>
          </Form>
        ) : null}
        {pending.own ? (
          <Form method="post" action={action}>
            <Intent intent="withdraw" proposalId={pending.proposalId} />
            <button type="submit" className="button--quiet">
              Withdraw the merge
            </button>
          </Form>
        ) : null}
      </div>
      {!pending.own ? (
        <Form method="post" action={action} className="subform">
          <Intent intent="return" proposalId={pending.proposalId} />
          <Field
            id="merge-review-note"
            name="reviewNote"
            label="Why not (to return it to the proposer)"
            type="text"
            maxLength={2000}
          />
          <button type="submit" className="button--quiet">
            Return it
          </button>
        </Form>
      ) : (
        <p className="muted">Another editor must approve it.</p>
      )}
    </section>
  );
}
