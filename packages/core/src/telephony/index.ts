export * from './line-number.js';
export * from './causes.js';
export * from './fold.js';
export * from './csv.js';
export * from './cdr-csv.js';
export * from './answer-rate.js';
export * from './screen-pop.js';
