/**
 * Reading a PNG in tests, with nothing but Node and resvg: the header (IHDR) and every chunk's
 * CRC, the image data inflated to exactly the size the header promises, and pixels, decoded by
 * resvg itself from an SVG that shows the PNG (so a PNG resvg cannot decode fails here).
 */
import zlib from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
}

/** Checks a PNG's structure and returns its header; throws on anything malformed. */
export function readPng(bytes: Uint8Array): PngInfo {
  const png = Buffer.from(bytes);
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG: wrong signature');
  let offset = 8;
  let header: PngInfo | null = null;
  const data: Buffer[] = [];
  let ended = false;
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    const crc = png.readUInt32BE(offset + 8 + length);
    if (zlib.crc32(png.subarray(offset + 4, offset + 8 + length)) !== crc) throw new Error(`bad CRC in ${type}`);
    if (type === 'IHDR') {
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), bitDepth: body[8], colourType: body[9] };
    } else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') ended = true;
    offset += 12 + length;
  }
  if (!header || !ended) throw new Error('PNG without IHDR or IEND');
  const raw = zlib.inflateSync(Buffer.concat(data));
  const rowBytes = Math.ceil((header.width * CHANNELS[header.colourType] * header.bitDepth) / 8);
  if (raw.length !== header.height * (1 + rowBytes))
    throw new Error(`image data is ${raw.length} bytes, not the size its header says`);
  return header;
}

/** The PNG's pixels as RGBA, decoded by resvg; `at(x, y)` reads one as "#rrggbb". */
export function decodePng(bytes: Uint8Array, width: number, height: number) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}"><image width="${width}" height="${height}" xlink:href="data:image/png;base64,${Buffer.from(bytes).toString('base64')}"/></svg>`;
  const image = new Resvg(svg).render();
  const pixels = image.pixels;
  const hex = (n: number) => n.toString(16).padStart(2, '0');
  return {
    width: image.width,
    height: image.height,
    at(x: number, y: number): string {
      const i = (y * image.width + x) * 4;
      return `#${hex(pixels[i])}${hex(pixels[i + 1])}${hex(pixels[i + 2])}`;
    },
  };
}
