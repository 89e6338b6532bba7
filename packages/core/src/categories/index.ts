export * from './tree.js';
export * from './suggest.js';
export * from './seed.js';
