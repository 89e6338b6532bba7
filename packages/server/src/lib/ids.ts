import { v7 as uuidv7 } from 'uuid';

/**
 * A new primary key: an RFC 9562 UUIDv7 (48-bit Unix milliseconds, then a counter and random
 * bits; the `uuid` package keeps the counter, so ids from one process are strictly increasing even
 * within a millisecond and when the clock steps back), in the same 36-character form as any UUID,
 * so every column and check keeps working. Time-ordered so each new row's key and every index on
 * an id is written at the right edge of its B-tree rather than on a random page of it (ADR 0074).
 * Ids are made by the app, not the database, so both dialects behave the same. Not for anything a
 * member of the public must not date (tracking codes are random).
 */
export function newId(): string {
  return uuidv7();
}

/** The creation time (Unix milliseconds) a UUIDv7 carries, for tests and diagnostics. */
export function uuidV7Time(id: string): number {
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

export function nowIso(at: Date = new Date()): string {
  return at.toISOString();
}
