/**
 * Markdown written by editors becomes HTML here, on the server only. Raw HTML in the source is
 * escaped (html: false) and links are limited to http(s) and mailto, so stored text can never
 * carry script, event handlers or javascript: URLs to a reader.
 */
import MarkdownIt from 'markdown-it';

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

/** Plain text of a Markdown string, for meta descriptions and search snippets. */
export function markdownToText(source: string): string {
  return (source ?? '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`>#]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
