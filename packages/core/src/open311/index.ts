export * from './status.js';
export * from './dates.js';
export * from './attributes.js';
export * from './location.js';
export * from './content.js';
