import { useEffect, useRef, useState } from 'react';

/**
 * "Embed this fact-check" under a claim: the iframe snippet in a read-only text box inside a
 * native <details>, so it opens, selects and copies without JavaScript. With JavaScript (and a
 * clipboard the browser lets us use), a button copies it in one press; the effect adds it, so no
 * inline script is needed (the CSP allows none we did not hash).
 */
export function EmbedCode({ code }: { code: string }) {
  const [canCopy, setCanCopy] = useState(false);
  const [status, setStatus] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => setCanCopy(typeof navigator.clipboard?.writeText === 'function'), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(code);
      setStatus('Embed code copied.');
    } catch {
      // Refused (a permission, an insecure page): leave it selected for the keyboard.
      box.current?.select();
      setStatus('Copying was refused: the code is selected, press Ctrl+C (⌘C on a Mac) to copy it.');
    }
  }

  return (
    <section className="page page--narrow embed-code" aria-labelledby="embed-code-title">
      <details>
        <summary>
          <h2 id="embed-code-title">Embed this fact-check</h2>
        </summary>
        <p>
          Paste this HTML into a page to show the verdict, the claim and who made it, with a link back to the full
          fact-check. It loads no scripts.
        </p>
        <label htmlFor="embed-code-html">Embed code (HTML)</label>
        <textarea
          id="embed-code-html"
          ref={box}
          readOnly
          rows={4}
          value={code}
          spellCheck={false}
          onFocus={(event) => event.currentTarget.select()}
        />
        {canCopy ? (
          <button type="button" className="button--quiet" onClick={copy}>
            Copy embed code
          </button>
        ) : null}
        <p role="status" className="embed-code__status">
          {status}
        </p>
      </details>
    </section>
  );
}
