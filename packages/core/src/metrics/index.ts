export * from './rates.js';
export * from './facts.js';
export * from './contacts.js';
export * from './figures.js';
export * from './ranking.js';
export * from './fairness.js';
export * from './returns.js';
