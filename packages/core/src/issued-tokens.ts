import { z } from 'zod';

/**
 * A secret an admin issued to a machine (a phone system's CTI token, an Open311 client's API
 * key), as it is listed afterwards: its prefix, never the secret, which is shown once.
 */
export const issuedTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe('the first characters, so an admin can tell them apart'),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type IssuedToken = z.infer<typeof issuedTokenSchema>;

/** What an admin names the machine when issuing it one. */
export const issueTokenInput = z.object({ name: z.string().trim().min(1).max(100) });
