// Supervision (DESIGN §5): urging, supervision orders, tiered escalation. Pure rules.
export * from './acts.js';
export * from './orders.js';
export * from './escalation.js';
