export * from './month.js';
export * from './suppression.js';
export * from './record.js';
export * from './places.js';
