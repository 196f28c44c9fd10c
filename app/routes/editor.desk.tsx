/**
 * /editor/desk — the desk's queues: mine, needs review, unassigned suggestions, overdue and
 * everything, each with its count, filters (desk state, assignee, due before) and pages. A plain
 * GET form: the URL says what is shown, and it works without JavaScript.
 */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useLoaderData, useLocation } from '@remix-run/react';
import { requireUser } from '~/auth/guards.server';
import { formatPartialDate } from '~/components/dates';
import { PageCount, Pagination } from '~/components/pagination';
import { DESK_STATES } from '~/domain';
import { DESK_QUEUES, deskQueueLabel, deskStateLabel, deskToday, type DeskQueue } from '~/domain/desk';
import { Field } from '~/forms/field';
import { requirePage } from '~/http/pagination.server';
import { pageMeta } from '~/meta';
import { deskQueueCounts, listDeskQueue, parseDeskQuery } from '~/models/desk-queues.server';
import { listActiveEditors } from '~/models/desk.server';

export const meta: MetaFunction = () => [
  ...pageMeta('Desk', 'The fact-checking desk: what is mine, what needs review, suggestions and what is overdue.'),
  { name: 'robots', content: 'noindex' },
];

const FILTER_KEYS = ['state', 'assignee', 'dueBefore'] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const params = new URL(request.url).searchParams;
  const today = deskToday();
  const typed = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? ''])) as Record<string, string>;
  const query = parseDeskQuery(params);
  const queue: DeskQueue = query.ok ? query.queue : (DESK_QUEUES.find((q) => q === params.get('queue')) ?? 'mine');
  const base = { queue, typed, today, counts: deskQueueCounts(user.id, today), editors: listActiveEditors() };
  if (!query.ok) return json({ ...base, errors: query.errors, list: null }, { status: 400 });
  const list = requirePage(request, (page) => listDeskQueue(queue, user.id, query.filters, page, today));
  return json({ ...base, errors: {} as Record<string, string>, list });
}

function queueHref(queue: DeskQueue) {
  return queue === 'mine' ? '/editor/desk' : `/editor/desk?queue=${queue}`;
}

export default function Desk() {
  const { queue, typed, today, counts, editors, errors, list } = useLoaderData<typeof loader>();
  const location = useLocation();
  // A change made from a claim's desk page comes back to this queue, filters and page kept.
  const back = `?back=${encodeURIComponent(location.pathname + location.search)}`;
  return (
    <>
      <h1>Desk</h1>
      <nav aria-label="Queues" className="desk-queues">
        <ul>
          {DESK_QUEUES.map((q) => (
            <li key={q}>
              <Link to={queueHref(q)} aria-current={q === queue ? 'page' : undefined}>
                {deskQueueLabel[q]} <span className="desk-queues__count">{counts[q]}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <h2 id="queue-title">
        {deskQueueLabel[queue]} ({counts[queue]})
      </h2>
      <Form method="get" className="filters" aria-label="Filter this queue">
        {queue !== 'mine' ? <input type="hidden" name="queue" value={queue} /> : null}
        <Field
          as="select"
          id="desk-filter-state"
          name="state"
          label="Desk state"
          defaultValue={typed.state}
          error={errors.state}
        >
          <option value="">Any state</option>
          {DESK_STATES.map((s) => (
            <option key={s} value={s}>
              {deskStateLabel[s]}
            </option>
          ))}
        </Field>
        <Field
          as="select"
          id="desk-filter-assignee"
          name="assignee"
          label="Assigned to"
          defaultValue={typed.assignee}
          error={errors.assignee}
        >
          <option value="">Anyone or nobody</option>
          <option value="none">Nobody</option>
          {editors.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </Field>
        <Field
          id="desk-filter-due"
          name="dueBefore"
          type="date"
          label="Due before"
          defaultValue={typed.dueBefore}
          error={errors.dueBefore}
        />
        <div className="filters__actions">
          <button type="submit">Apply filters</button>
          <Link to={queueHref(queue)}>Clear</Link>
        </div>
      </Form>
      {errors.queue || errors.page ? (
        <p className="notice notice--error" role="alert">
          {errors.queue ?? errors.page}
        </p>
      ) : null}
      {list ? (
        <>
          <PageCount total={list.total} page={list.page} pageCount={list.pageCount} />
          {list.items.length === 0 ? <p className="empty">Nothing here.</p> : null}
          <ul className="desk-list">
            {list.items.map((c) => (
              <li key={c.id} className="desk-item">
                <p className="desk-item__statement">
                  <Link to={`/editor/claims/${c.id}`}>{c.statement || 'Untitled claim'}</Link>
                </p>
                <p className="desk-item__meta">
                  <span>{c.speakerName ?? 'Unattributed'}</span>
                  <span className={`desk-state desk-state--${c.deskState}`}>{deskStateLabel[c.deskState]}</span>
                  <span>{c.assigneeName ? `Assigned to ${c.assigneeName}` : 'Nobody has it'}</span>
                  {c.dueOn ? (
                    <span className={c.overdue ? 'desk-due desk-due--overdue' : 'desk-due'}>
                      Due {formatPartialDate(c.dueOn)}
                      {c.overdue ? ' (overdue)' : ''}
                    </span>
                  ) : null}
                </p>
                <p className="desk-item__links">
                  <Link to={`/editor/claims/${c.id}`}>
                    Edit<span className="visually-hidden"> claim {c.id}</span>
                  </Link>
                  <Link to={`/editor/claims/${c.id}/desk${back}`}>
                    Desk<span className="visually-hidden"> of claim {c.id}</span>
                  </Link>
                  <Link to={`/editor/claims/${c.id}/preview`}>
                    Preview<span className="visually-hidden"> of claim {c.id}</span>
                  </Link>
                </p>
              </li>
            ))}
          </ul>
          <Pagination page={list.page} pageCount={list.pageCount} />
        </>
      ) : (
        <p className="notice notice--error" role="alert">
          Some filters could not be used; correct them above and apply again.
        </p>
      )}
      <p className="muted">
        Overdue means due before {formatPartialDate(today)} (UTC) and not yet published or declined.
      </p>
    </>
  );
}
