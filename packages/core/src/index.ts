export * from './roles.js';
export * from './case-status.js';
export * from './channels.js';
export * from './phone.js';
export * from './mask.js';
export * from './case-number.js';
export * from './tracking-code.js';
export * from './appeal.js';
