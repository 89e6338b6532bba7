export * from './csv.js';
export * from './download.js';
export * from './labels.js';
export * from './xlsx-cells.js';
export * from './xlsx-package.js';
