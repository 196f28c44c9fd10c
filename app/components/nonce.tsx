import { createContext, useContext } from 'react';

/** The per-request CSP nonce, given to Remix's inline scripts. Empty in the browser. */
export const NonceContext = createContext<string>('');
export const useNonce = () => useContext(NonceContext);
