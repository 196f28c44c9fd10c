/** The search behind a Combobox: debounced, and each new query aborts the one before. */
import { useCallback, useEffect, useRef } from 'react';
import { pickPath, type PickKind, type PickMatch } from '~/domain';

/** How long typing must pause before the endpoint is asked. */
const DEBOUNCE_MS = 150;

/**
 * A function that looks `text` up after a pause and calls `done` with the matches (an empty
 * list for empty text, null when the request failed). A later call cancels an earlier one, so
 * an old answer never overwrites a newer one.
 */
export function usePickSearch(kind: PickKind) {
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const inFlight = useRef<AbortController | null>(null);
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      inFlight.current?.abort();
    },
    [],
  );
  return useCallback(
    (text: string, done: (found: PickMatch[] | null) => void) => {
      clearTimeout(timer.current);
      inFlight.current?.abort();
      inFlight.current = null;
      const q = text.trim().slice(0, 200);
      if (!q) {
        done([]);
        return;
      }
      timer.current = setTimeout(async () => {
        const controller = new AbortController();
        inFlight.current = controller;
        try {
          const response = await fetch(`${pickPath(kind)}?${new URLSearchParams({ q })}`, {
            signal: controller.signal,
            headers: { Accept: 'application/json' },
          });
          if (!response.ok) throw new Error(`pick ${response.status}`);
          const body = (await response.json()) as { items?: PickMatch[] };
          if (!controller.signal.aborted) done(body.items ?? []);
        } catch {
          if (!controller.signal.aborted) done(null);
        }
      }, DEBOUNCE_MS);
    },
    [kind],
  );
}
