/**
 * The domain vocabulary every layer shares (routes, components, models, search, content, the
 * schema): kinds of entry, statuses and the public rule, enums, labels and field rules. It is
 * isomorphic and imports nothing of ours, so the browser bundle may use any of it.
 */
export * from './enums';
export * from './fields';
export * from './kinds';
export * from './labels';
export * from './statuses';
export * from './entry-fields';
export * from './summaries';
export * from './statements';
export * from './slug';
export * from './pick';
