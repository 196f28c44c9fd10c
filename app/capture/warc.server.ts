/**
 * Captures as WARC 1.1 files (ISO 28500), the format web archives exchange, written with warcio.
 * One file per capture under the captures folder (`YYYY-MM-DD/s<source>-<time>.warc.gz`): a
 * warcinfo record, the response, and the request that got it, each its own gzip member so a
 * tool can seek to any record. One file per capture, not one per day, because several server
 * processes capture at once and appending to a shared file would need a lock across them.
 *
 * The response keeps the body exactly as received (still gzip or br if the server compressed
 * it), so `WARC-Payload-Digest` is the SHA-256 of the same bytes as `source_captures.sha256`.
 * Only `Transfer-Encoding` is dropped from the stored headers: Node has already removed the
 * chunking, and a reader would otherwise try to de-chunk the plain body.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { WARCParser, WARCRecord } from 'warcio';
import { WARCSerializer } from 'warcio/node';
import { databasePath, env } from '../../config/env';
import type { FetchedResponse } from './fetch.server';

/** The folder captures live in: CAPTURES_PATH, or `captures/` beside the database. */
export function capturesDir(): string {
  const configured = env().CAPTURES_PATH;
  return configured ? path.resolve(process.cwd(), configured) : path.join(path.dirname(databasePath()), 'captures');
}

export interface WrittenWarc {
  /** Relative to capturesDir(). */
  warcPath: string;
  /** Where the response record starts in the file, and its length (both in bytes, compressed). */
  offset: number;
  length: number;
  fileBytes: number;
  payloadDigest: string;
}

const SOFTWARE = 'claims-tracker source capture (warcio.js)';

async function serialize(record: WARCRecord): Promise<Buffer> {
  return Buffer.from(await WARCSerializer.serialize(record, { gzip: true }));
}

function statusLine(response: FetchedResponse): string {
  return `HTTP/${response.httpVersion || '1.1'} ${response.status} ${response.statusText}`.trimEnd();
}

export async function writeCaptureWarc(sourceId: number, response: FetchedResponse): Promise<WrittenWarc> {
  const date = response.startedAt.toISOString();
  const day = date.slice(0, 10);
  const name = `s${sourceId}-${date.replace(/[-:.]/g, '').slice(0, 15)}-${randomBytes(3).toString('hex')}.warc.gz`;
  const warcPath = `${day}/${name}`;
  const file = path.join(capturesDir(), warcPath);

  const info = WARCRecord.createWARCInfo(
    { filename: name, warcVersion: 'WARC/1.1', date },
    { software: SOFTWARE, format: 'WARC File Format 1.1', conformsTo: 'https://iipc.github.io/warc-specifications/' },
  );
  const httpHeaders = response.rawHeaders.filter(([header]) => header.toLowerCase() !== 'transfer-encoding');
  const responseRecord = WARCRecord.create(
    {
      url: response.finalUrl,
      date,
      type: 'response',
      warcVersion: 'WARC/1.1',
      statusline: statusLine(response),
      httpHeaders,
      warcHeaders: { 'WARC-IP-Address': response.remoteAddress },
    },
    [new Uint8Array(response.body)],
  );
  const responseId = responseRecord.warcHeader('WARC-Record-ID') ?? '';
  const target = new URL(response.finalUrl);
  const requestRecord = WARCRecord.create(
    {
      url: response.finalUrl,
      date,
      type: 'request',
      warcVersion: 'WARC/1.1',
      statusline: `${response.method} ${target.pathname}${target.search} HTTP/1.1`,
      httpHeaders: [['Host', target.host], ...response.requestHeaders.filter(([h]) => h.toLowerCase() !== 'host')],
      warcHeaders: { 'WARC-Concurrent-To': responseId },
    },
    [],
  );

  const infoBytes = await serialize(info);
  const responseBytes = await serialize(responseRecord);
  const requestBytes = await serialize(requestRecord);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Written whole under a temporary name, then renamed: a crash never leaves half a record.
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, Buffer.concat([infoBytes, responseBytes, requestBytes]));
  fs.renameSync(temporary, file);
  return {
    warcPath,
    offset: infoBytes.length,
    length: responseBytes.length,
    fileBytes: infoBytes.length + responseBytes.length + requestBytes.length,
    payloadDigest: responseRecord.warcPayloadDigest ?? '',
  };
}

export interface StoredResponse {
  targetUri: string;
  date: string;
  payloadDigest: string;
  status: number;
  headers: [string, string][];
  /** The payload as received (content-encoded if it was). */
  payload: Buffer;
  /** Whether the payload's SHA-256 matches the record's WARC-Payload-Digest. */
  digestMatches: boolean;
}

/** Reads the response record at `offset` (`length` bytes) of a capture's WARC file. */
export async function readCaptureRecord(warcPath: string, offset: number, length: number): Promise<StoredResponse> {
  const root = capturesDir();
  const file = path.resolve(root, warcPath);
  if (!file.startsWith(root + path.sep)) throw new Error(`WARC path outside the captures folder: ${warcPath}`);
  const handle = fs.openSync(file, 'r');
  let bytes: Buffer;
  try {
    bytes = Buffer.alloc(length);
    fs.readSync(handle, bytes, 0, length, offset);
  } finally {
    fs.closeSync(handle);
  }
  const parser = new WARCParser([new Uint8Array(bytes)], { keepHeadersCase: true });
  const record = await parser.parse();
  if (!record || record.warcType !== 'response') throw new Error(`no response record at ${warcPath}@${offset}`);
  const payload = Buffer.from(await record.readFully(false));
  const payloadDigest = record.warcPayloadDigest ?? '';
  const info = record.getResponseInfo();
  const headers: [string, string][] = [];
  info?.headers.forEach((value: string, name: string) => headers.push([name, value]));
  return {
    targetUri: record.warcTargetURI ?? '',
    date: record.warcDate ?? '',
    payloadDigest,
    status: Number(info?.status ?? 0),
    headers,
    payload,
    digestMatches: payloadDigest === `sha256:${createHash('sha256').update(payload).digest('hex')}`,
  };
}
