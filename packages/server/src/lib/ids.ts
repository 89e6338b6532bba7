import { randomUUID } from 'node:crypto';

/** Ids are made by the app, not the database, so both dialects behave the same. */
export function newId(): string {
  return randomUUID();
}

export function nowIso(at: Date = new Date()): string {
  return at.toISOString();
}
