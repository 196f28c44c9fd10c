/**
 * Prints schema.org JSON-LD. The JSON is escaped so that no stored text (a statement containing
 * "</script>", say) can close the element.
 */
import { useNonce } from './nonce';

export function JsonLd({ data }: { data: Record<string, unknown> | null }) {
  const nonce = useNonce();
  if (!data) return null;
  const json = JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return <script type="application/ld+json" nonce={nonce} dangerouslySetInnerHTML={{ __html: json }} />;
}
