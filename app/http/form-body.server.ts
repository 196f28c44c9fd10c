/**
 * A public form's body, read with a size limit. `request.formData()` would read any body whole
 * into memory before a schema could say "too long"; this keeps at most `maxBytes` (a larger
 * Content-Length, or more bytes than that, is refused with 413) and parses only then, as a
 * browser sends forms: urlencoded or multipart.
 */

export type FormBody =
  | { ok: true; form: FormData }
  | { ok: false; status: 413 | 400; problem: 'too-large' | 'unreadable' };

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

/**
 * Past the limit the rest of a body is still read (and dropped) up to this much, so the client,
 * still sending, reads our 413 instead of a connection reset; beyond it the connection is cut.
 */
const DRAIN_MAX_BYTES = 8 * 1024 * 1024;

export async function readFormBody(request: Request, maxBytes: number): Promise<FormBody> {
  const declared = Number(request.headers.get('content-length') ?? '');
  const type = request.headers.get('content-type') ?? '';
  let tooLarge = Number.isFinite(declared) && declared > maxBytes;

  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) tooLarge = true;
      if (size > DRAIN_MAX_BYTES) {
        await reader.cancel().catch(() => undefined);
        break;
      }
      if (!tooLarge) chunks.push(value);
    }
  }
  if (tooLarge) return { ok: false, status: 413, problem: 'too-large' };
  if (!FORM_TYPES.test(type)) return { ok: false, status: 400, problem: 'unreadable' };
  try {
    const form = await new Response(Buffer.concat(chunks), { headers: { 'Content-Type': type } }).formData();
    return { ok: true, form };
  } catch {
    return { ok: false, status: 400, problem: 'unreadable' };
  }
}
