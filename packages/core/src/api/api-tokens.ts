import { z } from 'zod';

/* Tokens that let an integration act as a staff account (ADR 0042). */

/** `GET /api/v1/admin/api-tokens`: listed by prefix, never the secret. */
export const apiTokenListSchema = z.object({
  items: z.array(z.object({
    id: z.string(), name: z.string(), prefix: z.string(), userId: z.string().describe('the staff account it acts as'), username: z.string(),
    createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable(),
  })),
});
export type ApiTokenList = z.infer<typeof apiTokenListSchema>;

/** `POST /api/v1/admin/api-tokens`: the token, shown only in this answer. */
export const issuedApiTokenSchema = z.object({ id: z.string(), token: z.string(), prefix: z.string() });
export type IssuedApiToken = z.infer<typeof issuedApiTokenSchema>;
