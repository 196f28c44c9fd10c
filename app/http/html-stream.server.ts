/**
 * React 18.3's Node stream writer (react-dom/server, `writeStringChunk`) buffers output in 2,048
 * byte views and, when a multi-byte character does not fit in what is left of a view, writes the
 * whole view, unfilled tail included: one or two NUL bytes appear before the character (seen
 * here: `…law enforcement.\0\0”` on the home page whenever the page's length put the ” across a
 * view boundary; the Nu checker rejects the page and a browser shows U+FFFD). No text is lost:
 * the character follows in the next view. UTF-8 never uses a 0x00 byte except for U+0000 itself,
 * which our pages never contain (stored text has control characters removed), so dropping every
 * 0x00 byte restores the page exactly.
 */
import { Transform } from 'node:stream';

export function withoutNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (chunk.indexOf(0) === -1) return done(null, chunk);
      const out = Buffer.allocUnsafe(chunk.length);
      let length = 0;
      for (const byte of chunk) if (byte !== 0) out[length++] = byte;
      done(null, out.subarray(0, length));
    },
  });
}
