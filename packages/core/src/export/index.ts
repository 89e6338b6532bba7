export * from './csv.js';
export * from './download.js';
export * from './labels.js';
