import { json } from '@remix-run/node';
import { env } from '../../config/env';
import { checkReadiness } from '~/http/storage.server';

/**
 * Readiness, for a load balancer or orchestrator: 200 when the database accepts a write and the
 * disk has READY_MIN_FREE_MB free, else 503 with what is wrong. `/healthz` only says the process
 * is alive and the database readable.
 */
export function loader() {
  const readiness = checkReadiness(env().READY_MIN_FREE_MB * 1024 * 1024);
  return json(readiness, { status: readiness.ready ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
