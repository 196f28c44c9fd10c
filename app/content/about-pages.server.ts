/**
 * The transparency pages' Markdown (`content/about/<slug>.md`, see docs/content-format.md):
 * read from the content folder when a reader asks (a few kilobytes, so a newsroom's merged edit
 * shows on the next request, with no import), rendered through the same sanitising renderer as
 * every stored text. The first `# ` heading is the page's title, the first paragraph its
 * description; a line holding only `{{verdict-scale}}` or `{{corrections-log}}` is where the
 * site draws that from its own data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ABOUT_BLOCKS, type AboutBlock } from '~/domain/about-pages';
import { markdownToText, renderMarkdown } from '~/markdown.server';
import { contentDir } from './read.server';

export type AboutPagePart = { html: string } | { block: AboutBlock };

export interface AboutPageText {
  title: string | null;
  description: string;
  parts: AboutPagePart[];
}

const BLOCK_LINE = /^\{\{\s*([a-z-]+)\s*\}\}$/;
const isBlock = (name: string): name is AboutBlock => (ABOUT_BLOCKS as readonly string[]).includes(name);

/** The file of a page: `content/about/<slug>.md` in the content folder the server was given. */
export function aboutPageFile(slug: string, dir = contentDir()): string {
  return path.join(dir, 'about', `${slug}.md`);
}

/** Splits a page's Markdown into its title, description and parts; pure, for the tests too. */
export function parseAboutPage(source: string): AboutPageText {
  const lines = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  let title: string | null = null;
  const titleAt = lines.findIndex((line) => /^#\s+\S/.test(line));
  if (titleAt !== -1 && lines.slice(0, titleAt).every((line) => !line.trim())) {
    title = markdownToText(lines[titleAt].replace(/^#\s+/, ''));
    lines.splice(0, titleAt + 1);
  }
  const parts: AboutPagePart[] = [];
  let chunk: string[] = [];
  const flush = () => {
    const html = renderMarkdown(chunk.join('\n')).trim();
    if (html) parts.push({ html });
    chunk = [];
  };
  for (const line of lines) {
    const block = BLOCK_LINE.exec(line.trim())?.[1];
    if (block && isBlock(block)) {
      flush();
      parts.push({ block });
    } else chunk.push(line);
  }
  flush();
  const firstParagraph = lines.join('\n').split(/\n\s*\n/).find((p) => p.trim() && !/^\s*(#|\{\{)/.test(p));
  return { title, description: firstParagraph ? markdownToText(firstParagraph) : '', parts };
}

/** The page's text, or null when its file is missing (a newsroom that removed it). */
export function readAboutPage(slug: string): AboutPageText | null {
  let source: string;
  try {
    source = fs.readFileSync(aboutPageFile(slug), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return parseAboutPage(source);
}
