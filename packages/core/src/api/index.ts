// The API's answers, one module per area (ADR 0042). Notifications' shapes predate this folder
// and live in ../notifications/schemas.ts.
export * from './cases.js';
export * from './supervision.js';
export * from './desk.js';
export * from './figures.js';
export * from './line-codes.js';
export * from './lines.js';
export * from './people.js';
export * from './categories.js';
export * from './kb.js';
export * from './settings.js';
export * from './routing.js';
export * from './admin-logs.js';
export * from './api-tokens.js';
export * from './open311-keys.js';
export * from './platform.js';
export * from './intake-figures.js';
export * from './telephony.js';
export * from './cold-lines.js';
export * from './callbacks.js';
export * from './caller-flags.js';
