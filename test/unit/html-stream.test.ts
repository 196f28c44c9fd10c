// The page stream: React 18.3's Node writer pads a 2,048-byte view with NUL bytes when a
// multi-byte character does not fit (app/http/html-stream.server.ts); the filter removes them.
import { Writable } from 'node:stream';
import { createElement } from 'react';
import { renderToPipeableStream } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { withoutNulBytes } from '~/http/html-stream.server';

/** Short text nodes, as pages have: React buffers strings under ~680 characters in its views. */
const spans = (pad: number) => [
  ...Array.from({ length: Math.floor(pad / 200) }, () => 'a'.repeat(200)),
  'a'.repeat(pad % 200),
  '”bbb',
];
const expected = (pad: number) =>
  `<p>${spans(pad)
    .map((t) => `<span>${t}</span>`)
    .join('')}</p>`;

function render(pad: number, filter: boolean): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(Buffer.from(chunk));
        done();
      },
    });
    sink.on('finish', () => resolve(Buffer.concat(chunks)));
    const children = spans(pad).map((t, i) => createElement('span', { key: i }, t));
    const { pipe } = renderToPipeableStream(createElement('p', null, children), {
      onAllReady() {
        if (filter) pipe(withoutNulBytes()).pipe(sink);
        else pipe(sink);
      },
      onError: reject,
    });
  });
}

describe('the HTML stream', () => {
  it('keeps every character exactly when one straddles a 2,048-byte view', async () => {
    // Walk the closing quote across the boundary: some offset puts it over the edge.
    for (let pad = 1900; pad < 2048; pad++) {
      const html = await render(pad, true);
      expect(html.indexOf(0), `pad ${pad}`).toBe(-1);
      expect(html.toString('utf8')).toBe(expected(pad));
    }
  });

  it('is needed: unfiltered, React pads some view with NUL bytes (remove the filter when it does not)', async () => {
    let padded = 0;
    for (let pad = 1900; pad < 2048; pad++) {
      const html = await render(pad, false);
      if (html.indexOf(0) !== -1) padded++;
    }
    expect(padded).toBeGreaterThan(0);
  });
});
