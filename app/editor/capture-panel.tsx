/**
 * A source's captures on its editing page: whether one is queued or running, the last capture
 * (date, HTTP status, size, SHA-256, and where the raw copy opens), a failure in plain words with
 * when it is tried again, and "Capture now". Without JavaScript the editor reloads the page to see
 * progress (the link says so); with it, the page re-reads its data every few seconds while a
 * capture is on its way, for two minutes at most.
 */
import { Link, useRevalidator } from '@remix-run/react';
import { useEffect } from 'react';
import { PanelError } from './panel-parts';
import { usePanel } from './page-form';

export interface CaptureView {
  id: number;
  fetchedAt: string;
  outcome: 'ok' | 'failed';
  httpStatus: number | null;
  contentType: string | null;
  byteLength: number | null;
  sha256: string | null;
  requestedUrl: string;
  finalUrl: string | null;
  archiveUrl: string | null;
  error: string | null;
}

export interface CapturePanelStatus {
  hasUrl: boolean;
  job: {
    state: 'queued' | 'running' | 'done' | 'failed';
    attempts: number;
    maxAttempts: number;
    lastError: string | null;
    nextAttemptAt: string;
  } | null;
  last: CaptureView | null;
  lastGood: CaptureView | null;
}

const POLL_MS = 2_000;
const POLL_FOR_MS = 120_000;

/** "2 Dec 2026, 10:15 UTC": the same for every editor, wherever they are. */
function when(iso: string): string {
  const date = new Date(iso);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const time = iso.slice(11, 16);
  return `${date.getUTCDate()} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()}, ${time} UTC`;
}

function size(bytes: number | null): string {
  if (bytes === null) return 'unknown size';
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function CaptureFacts({ capture }: { capture: CaptureView }) {
  return (
    <dl className="capture-facts">
      <dt>Captured</dt>
      <dd>
        <time dateTime={capture.fetchedAt}>{when(capture.fetchedAt)}</time>
      </dd>
      <dt>Answer</dt>
      <dd>
        HTTP {capture.httpStatus ?? '–'}
        {capture.contentType ? `, ${capture.contentType}` : ''}, {size(capture.byteLength)}
      </dd>
      {capture.finalUrl && capture.finalUrl !== capture.requestedUrl ? (
        <>
          <dt>Redirected to</dt>
          <dd className="capture-url">{capture.finalUrl}</dd>
        </>
      ) : null}
      <dt>SHA-256</dt>
      <dd>
        <code className="capture-hash">{capture.sha256}</code>
      </dd>
      {capture.error ? (
        <>
          <dt>Text</dt>
          <dd>{capture.error}</dd>
        </>
      ) : null}
      {capture.archiveUrl ? (
        <>
          <dt>Internet Archive</dt>
          <dd>
            <a href={capture.archiveUrl}>{capture.archiveUrl}</a>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

export function CapturePanel({ status, sourceId }: { status: CapturePanelStatus; sourceId: number }) {
  const panel = usePanel('capture');
  const revalidator = useRevalidator();
  const { job, last, lastGood } = status;
  const open = job?.state === 'queued' || job?.state === 'running';
  const waitingToRetry = job?.state === 'queued' && job.lastError !== null;
  const inProgress = open && !waitingToRetry;

  useEffect(() => {
    if (!inProgress) return;
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started > POLL_FOR_MS) return clearInterval(timer);
      if (revalidator.state === 'idle') revalidator.revalidate();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [inProgress, revalidator]);

  return (
    <section aria-labelledby="capture-title" className="panel" data-panel="capture">
      <h2 id="capture-title" tabIndex={-1}>
        Captured copy
      </h2>
      <PanelError message={panel.errors.form} />
      <div role="status" aria-live="polite">
        {inProgress ? (
          <p className="notice">
            {job.state === 'running' ? 'Capturing the page now…' : 'A capture is queued.'}{' '}
            <Link to={`/editor/sources/${sourceId}`} reloadDocument>
              Refresh to see progress
            </Link>
            .
          </p>
        ) : null}
        {last?.outcome === 'failed' || (job?.lastError && open) ? (
          <div className="notice notice--error">
            <p>
              The last capture failed
              {last?.outcome === 'failed' ? (
                <>
                  {' '}
                  (<time dateTime={last.fetchedAt}>{when(last.fetchedAt)}</time>)
                </>
              ) : null}
              : {job?.lastError ?? last?.error}
            </p>
            {waitingToRetry ? (
              <p>
                It will be tried again after <time dateTime={job.nextAttemptAt}>{when(job.nextAttemptAt)}</time>{' '}
                (attempt {job.attempts + 1} of {job.maxAttempts}).
              </p>
            ) : job?.state === 'failed' ? (
              <p>
                {job.attempts >= job.maxAttempts
                  ? `It was tried ${job.attempts} times and will not be tried again by itself.`
                  : 'Trying again will not help until the address is corrected.'}
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
      {last?.outcome === 'ok' ? (
        <CaptureFacts capture={last} />
      ) : lastGood ? (
        <>
          <p>The last capture that worked:</p>
          <CaptureFacts capture={lastGood} />
        </>
      ) : !open && !last ? (
        <p>{status.hasUrl ? 'This source has not been captured yet.' : 'This source has no address to capture.'}</p>
      ) : null}
      {(last?.outcome === 'ok' ? last : lastGood) ? (
        <p>
          <a href={`/captures/${(last?.outcome === 'ok' ? last : lastGood)!.id}/raw`}>Open the raw capture</a>{' '}
          <span className="muted">(as received, with scripts and outside requests switched off)</span>
        </p>
      ) : null}
      {status.hasUrl ? (
        <p className="button-row">
          <button type="submit" name="intent" value="capture-now" className="button--quiet">
            Capture now
          </button>
          <span className="muted">Your changes above are saved first.</span>
        </p>
      ) : null}
    </section>
  );
}
