export * from './text.js';
export * from './address.js';
export * from './classify.js';
