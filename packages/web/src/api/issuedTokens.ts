/* Secrets an admin issues to a machine (a phone system, an Open311 client): listed by their prefix, shown once, revocable. */
export type { IssuedToken } from '@openline/core';
