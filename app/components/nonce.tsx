import { createContext, useContext } from 'react';

/**
 * A mark made fresh for each render and put on the inline scripts we render (Remix's own, JSON-LD).
 * It is not sent in the CSP: server.js allows those scripts by the hashes of their text and takes
 * the mark off (app/http/csp.server.ts), so a script that got into the page any other way, having
 * no mark, is never allowed. Empty in the browser.
 */
export const NonceContext = createContext<string>('');
export const useNonce = () => useContext(NonceContext);
