import { isUniqueViolation } from '../db/database.js';
import type { AppError } from '../errors.js';

/**
 * Runs a write guarded by a unique constraint. Services look first and answer CONFLICT naming
 * the field, but two simultaneous requests both pass that look; the loser's insert then hits
 * the constraint, and gets the same CONFLICT instead of a 500.
 */
export async function unlessTaken<T>(write: () => Promise<T>, conflict: () => AppError): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict();
    throw error;
  }
}
