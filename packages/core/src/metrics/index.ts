export * from './rates.js';
export * from './facts.js';
export * from './contacts.js';
export * from './figures.js';
