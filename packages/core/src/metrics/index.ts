export * from './rates.js';
export * from './facts.js';
export * from './figures.js';
