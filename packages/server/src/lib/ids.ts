import { randomUint32Pooled as random32 } from './random-pool.js';

// The 42 bits after the timestamp (rand_a's 12 and the first 30 of rand_b) are a counter
// (RFC 9562 §6.2, method 1): seeded at random with its top bit clear at each new millisecond and
// incremented for each further id in it, so ids made by one source (the process has one) are strictly increasing even
// within a millisecond and when the clock steps back. The last 32 bits are fresh random per id.
const COUNTER_SPAN = 2 ** 42;
const LOW_SPAN = 2 ** 30;

// Two hex digits per byte from a table, and the time's 14 characters kept while the millisecond
// lasts: building the string with toString/padStart cost ~730 ns an id, this ~130–200 ns
// (`randomUUID` ~60 ns; a processed appeal makes two: its case and its contact).
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function seedCounter(): number {
  // 41 random bits: 2^41 ids can follow in the same millisecond before the counter runs out.
  return (random32() >>> 23) * 2 ** 32 + random32();
}

/**
 * A source of UUIDv7 ids with its own clock state, called with the clock's reading (Unix
 * milliseconds). The process has one (`newId`); tests make their own to drive the clock.
 */
export function uuidV7Source(): (now: number) => string {
  let lastMs = -1;
  let counter = 0;
  let timePart = '';
  // The new millisecond's first 14 characters (`xxxxxxxx-xxxx-`) and a fresh counter.
  const startMillisecond = (ms: number): void => {
    lastMs = ms;
    counter = seedCounter();
    const top = Math.floor(ms / 0x1000000);
    const bottom = ms % 0x1000000;
    timePart = `${HEX[top >>> 16]}${HEX[(top >>> 8) & 0xff]}${HEX[top & 0xff]}${HEX[bottom >>> 16]}-${HEX[(bottom >>> 8) & 0xff]}${HEX[bottom & 0xff]}-`;
  };
  return (now) => {
    if (now > lastMs) startMillisecond(now);
    else {
      // The same millisecond, or the clock stepped back: keep the last time and count on.
      counter++;
      if (counter >= COUNTER_SPAN) startMillisecond(lastMs + 1);
    }
    const high = Math.floor(counter / LOW_SPAN);
    const low = counter % LOW_SPAN;
    const tail = random32();
    return `${timePart}${HEX[0x70 | (high >>> 8)]}${HEX[high & 0xff]}-${HEX[0x80 | (low >>> 24)]}${HEX[(low >>> 16) & 0xff]}-${HEX[(low >>> 8) & 0xff]}${HEX[low & 0xff]}${HEX[tail >>> 24]}${HEX[(tail >>> 16) & 0xff]}${HEX[(tail >>> 8) & 0xff]}${HEX[tail & 0xff]}`;
  };
}

const processIds = uuidV7Source();

/**
 * A new primary key: an RFC 9562 UUIDv7 (48-bit Unix milliseconds, then counter and random bits),
 * in the same 36-character form as any UUID, so every column and check keeps working. Time-ordered
 * so each new row's key and every index on an id is written at the right edge of its B-tree rather
 * than on a random page of it (ADR 0074). Ids are made by the app, not the database, so both dialects
 * behave the same. Not for anything a member of the public must not date (tracking codes are random).
 */
export function newId(): string {
  return processIds(Date.now());
}

/** The creation time (Unix milliseconds) a UUIDv7 carries, for tests and diagnostics. */
export function uuidV7Time(id: string): number {
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

export function nowIso(at: Date = new Date()): string {
  return at.toISOString();
}
