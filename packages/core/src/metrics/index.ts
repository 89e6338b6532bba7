export * from './rates.js';
export * from './facts.js';
