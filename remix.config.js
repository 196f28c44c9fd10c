/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ['**/.*', '**/*.test.*'],
  serverModuleFormat: 'esm',
  serverDependenciesToBundle: [],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // Off: each page would otherwise inline a partial manifest, and the server work of drawing it was
    // 8% of a render (bench:load profile); the whole manifest is one fingerprinted, cached file.
    v3_lazyRouteDiscovery: false,
    v3_singleFetch: false,
  },
};
