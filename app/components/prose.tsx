/**
 * Renders HTML that the server produced from Markdown through app/markdown.server.ts (raw HTML
 * escaped, links limited to http(s)); never pass anything else here.
 */
export function Prose({ html, className }: { html: string; className?: string }) {
  if (!html) return null;
  return <div className={className ? `prose ${className}` : 'prose'} dangerouslySetInnerHTML={{ __html: html }} />;
}
