/**
 * Markdown written by editors becomes HTML here, on the server only. Raw HTML in the source is
 * escaped (html: false) and links are limited to http(s) and mailto, so stored text can never
 * carry script, event handlers or javascript: URLs to a reader.
 */
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: true });
markdown.validateLink = (url: string) => /^(https?:|mailto:|\/(?!\/)|#)/i.test(url.trim());

const defaultLinkOpen =
  markdown.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const href = tokens[idx].attrGet('href') ?? '';
  if (/^https?:/i.test(href)) tokens[idx].attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

export function renderMarkdown(source: string): string {
  return markdown.render(source ?? '');
}

/** For text: the same Markdown without typographic replacements, so the words stay as typed. */
const plainParser = new MarkdownIt({ html: false, linkify: false, typographer: false });

/**
 * Plain text of a Markdown string, for meta descriptions, feeds and the search index: the text
 * of markdown-it's own inline tokens, so "C#", "snake_case" and "a > 5" survive as written (the
 * regexes this replaces stripped every `#`, `_` and `>`). Block boundaries become spaces.
 */
export function markdownToText(source: string): string {
  const words: string[] = [];
  const collect = (tokens: Token[]) => {
    for (const token of tokens) {
      if (token.children) collect(token.children);
      else if (token.type === 'text' || token.type === 'code_inline') words.push(token.content);
      else if (token.type === 'softbreak' || token.type === 'hardbreak') words.push(' ');
      else if (token.type === 'code_block' || token.type === 'fence') words.push(` ${token.content} `);
      else if (token.block) words.push(' ');
    }
  };
  collect(plainParser.parse(source ?? '', {}));
  return words.join('').replace(/\s+/g, ' ').trim();
}
