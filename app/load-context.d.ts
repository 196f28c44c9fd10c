import '@remix-run/node';

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** The mark put on the inline scripts we render (app/components/nonce.tsx): never in the CSP. */
    cspNonce?: string;
    /** The client's address as Express sees it (X-Forwarded-For only from a trusted proxy). */
    clientIp?: string;
    /** The id server.js logs for this request and sends back as X-Request-Id. */
    requestId?: string;
  }
}
