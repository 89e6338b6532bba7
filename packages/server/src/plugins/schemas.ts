import { z } from 'zod';

/** The error model, for OpenAPI responses. */
export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z
      .array(
        z.object({
          path: z.string(),
          message: z.string().describe('English, for developers; translate `issue` for people'),
          issue: z.string().optional().describe('zod issue code: too_small, too_big, invalid_format, invalid_type, invalid_value, custom, …'),
          limit: z.number().optional().describe('the bound crossed, for too_small / too_big'),
          origin: z.string().optional().describe('string (characters), number or array (items), for too_small / too_big'),
        }),
      )
      .optional(),
  }),
});

/**
 * Every PATCH body: at least one known field. `{}` (or only unknown fields, which are dropped)
 * would otherwise reach the service as "change nothing", and a repository building an UPDATE
 * from it produces SQL with nothing to SET (a 500 on both databases). Refused as 400 instead.
 */
export function patchBody<T extends z.ZodObject>(schema: T) {
  return schema.refine((value) => Object.values(value).some((v) => v !== undefined), { message: 'send at least one field to change' });
}
