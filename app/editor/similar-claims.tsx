/**
 * "Has this been checked before?" beside a claim's statement and speaker: the most similar claims
 * already in the archive, each with its verdict and status (a draft is "In progress"), from
 * GET /editor/similar. With JavaScript the list follows what is typed (a debounced request, its
 * outcome announced politely); without it, the form's "Check for earlier fact-checks" button
 * (CheckSimilarButton, intent `similar`) sends the form back with the list and every value kept.
 *
 * It reads the statement and the speaker from the form it sits in, or else from the page's
 * `statement` field, whichever control the speaker is (a select, or a picker's hidden input).
 */
import { useEffect, useRef, useState, type MouseEvent } from 'react';

export interface SimilarClaimItem {
  id: number;
  slug: string;
  statement: string;
  speaker: string | null;
  claimedOn: string | null;
  verdict: { id: string; label: string } | null;
  statusLabel: string;
  href: string;
}

/** The form's names for the statement and the speaker (the picker's text input is `speakerId__text`). */
const STATEMENT = 'statement';
const SPEAKER = 'speakerId';
const WATCHED = new Set([STATEMENT, SPEAKER, `${SPEAKER}__text`]);
const DEBOUNCE_MS = 400;
/** Fewer words than this say too little to compare. */
const MIN_WORDS = 3;
const SHOWN_CHARACTERS = 220;

type State = 'idle' | 'done' | 'error';

function formOf(section: HTMLElement | null): HTMLFormElement | null {
  if (!section) return null;
  const own = section.closest('form');
  if (own) return own;
  const field = document.querySelector<HTMLTextAreaElement | HTMLInputElement>(`[name="${STATEMENT}"]`);
  return field?.form ?? null;
}

function valueOf(form: HTMLFormElement, name: string): string {
  const control = form.elements.namedItem(name);
  return control && 'value' in control ? String(control.value) : '';
}

/**
 * Whether leaving would lose typing: on a new entry anything in its text fields, on an edit what
 * differs from what the page was opened with.
 */
function hasUnsavedText(form: HTMLFormElement | null, isNew: boolean): boolean {
  if (!form) return false;
  return Array.from(form.elements).some((element) => {
    if (element instanceof HTMLTextAreaElement)
      return isNew ? element.value.trim() !== '' : element.value !== element.defaultValue;
    if (element instanceof HTMLInputElement && ['text', 'url', 'search', ''].includes(element.type)) {
      return isNew ? element.name === STATEMENT && element.value.trim() !== '' : element.value !== element.defaultValue;
    }
    return false;
  });
}

function statusText(state: State, items: SimilarClaimItem[] | null): string {
  if (state === 'error') return 'Earlier fact-checks could not be looked up just now; the form works as before.';
  if (state !== 'done' || items === null) return '';
  if (items.length === 0) return 'No earlier claim looks like this statement.';
  return items.length === 1
    ? 'One earlier claim looks like this statement.'
    : `${items.length} earlier claims look like this statement.`;
}

export function SimilarClaims({
  claims,
  excludeId = null,
  isNew = true,
}: {
  /** A list the server already made (the no-JavaScript check, or the edit page's statement); null: none yet. */
  claims: SimilarClaimItem[] | null;
  /** The claim being edited, never listed as its own duplicate. */
  excludeId?: number | null;
  /** A new claim (everything typed is unsaved) or an edit (only what changed is). */
  isNew?: boolean;
}) {
  const section = useRef<HTMLElement>(null);
  const [items, setItems] = useState<SimilarClaimItem[] | null>(claims);
  const [state, setState] = useState<State>(claims ? 'done' : 'idle');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setItems(claims);
    if (claims) setState('done');
  }, [claims]);

  useEffect(() => {
    const form = formOf(section.current);
    if (!form) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let controller: AbortController | null = null;
    const current = () => ({ statement: valueOf(form, STATEMENT).trim(), speaker: valueOf(form, SPEAKER) });
    // What the list shows now: a server-made list answers for the values the page opened with.
    let asked = claims ? JSON.stringify(current()) : '';
    const look = () => {
      const query = current();
      const key = JSON.stringify(query);
      if (key === asked) return;
      asked = key;
      controller?.abort();
      if (query.statement.split(/\s+/).filter(Boolean).length < MIN_WORDS) {
        setItems(null);
        setState('idle');
        setBusy(false);
        return;
      }
      const params = new URLSearchParams({ statement: query.statement });
      if (query.speaker) params.set('speaker', query.speaker);
      if (excludeId !== null) params.set('exclude', String(excludeId));
      const request = new AbortController();
      controller = request;
      setBusy(true);
      fetch(`/editor/similar?${params}`, { signal: request.signal, headers: { Accept: 'application/json' } })
        .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
        .then((body: { items: SimilarClaimItem[] }) => {
          setItems(body.items);
          setState('done');
        })
        .catch((error: Error) => {
          if (error.name !== 'AbortError') setState('error');
        })
        .finally(() => {
          if (controller === request) setBusy(false);
        });
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(look, DEBOUNCE_MS);
    };
    const onEdit = (event: Event) => {
      if (WATCHED.has((event.target as HTMLInputElement | null)?.name ?? '')) schedule();
    };
    form.addEventListener('input', onEdit);
    form.addEventListener('change', onEdit);
    // A picker sets its hidden input's value without an event; the attribute changes with it.
    const observer = new MutationObserver((changes) => {
      if (changes.some((c) => (c.target as HTMLInputElement).name === SPEAKER)) schedule();
    });
    observer.observe(form, { subtree: true, attributes: true, attributeFilter: ['value'] });
    // A form sent back with a statement (a refused save) asks at once for what it holds.
    if (!claims) schedule();
    return () => {
      clearTimeout(timer);
      controller?.abort();
      observer.disconnect();
      form.removeEventListener('input', onEdit);
      form.removeEventListener('change', onEdit);
    };
    // `claims` is read once, for the values the page opened with; later lists arrive by the effect above.
  }, [excludeId]);

  const confirmLeave = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return; // a new tab or window
    if (
      hasUnsavedText(formOf(section.current), isNew) &&
      !window.confirm('Leave this page? What you typed here is not saved.')
    ) {
      event.preventDefault();
    }
  };

  return (
    <section className="similar-claims" ref={section} aria-labelledby="similar-claims-title">
      <h2 id="similar-claims-title">Checked before?</h2>
      <p className="hint">
        Claims already in the archive that look like this statement, with their verdicts. They follow what you type, or
        press “Check for earlier fact-checks”.
      </p>
      <p className="similar-claims__status" aria-live="polite">
        {statusText(state, items)}
      </p>
      {items && items.length > 0 ? (
        <ol className="similar-claims__list" aria-busy={busy || undefined}>
          {items.map((item) => (
            <li key={item.id}>
              <a href={item.href} onClick={confirmLeave}>
                {item.statement.length > SHOWN_CHARACTERS
                  ? `${item.statement.slice(0, SHOWN_CHARACTERS).trimEnd()}…`
                  : item.statement}
              </a>
              <span className="similar-claims__meta">
                {[item.speaker, item.claimedOn].filter(Boolean).join(', ')}
                {item.speaker || item.claimedOn ? ' · ' : ''}
                <strong>{item.verdict ? item.verdict.label : 'No verdict yet'}</strong> · {item.statusLabel} ·{' '}
                <a href={item.href} target="_blank" rel="noopener noreferrer">
                  open in a new tab<span className="visually-hidden">: {item.statement.slice(0, 80)}</span>
                </a>
              </span>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

/** The form's own way to ask, without JavaScript: it sends everything typed and gets it back with the list. */
export function CheckSimilarButton() {
  return (
    <button type="submit" name="intent" value="similar" className="button--quiet">
      Check for earlier fact-checks
    </button>
  );
}
