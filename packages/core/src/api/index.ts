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
export * from './attachments.js';
export * from './co-handling.js';
export * from './petitions.js';
export * from './public-appeals.js';
export * from './intake.js';
export * from './sms.js';
export * from './reports.js';
export * from './open-data.js';
