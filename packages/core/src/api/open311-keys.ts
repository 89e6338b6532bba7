import { z } from 'zod';
import { issuedTokenSchema } from '../issued-tokens.js';
import { OPEN311_DATATYPES } from '../open311/attributes.js';

/* Open311 GeoReport v2 administration (issue 11 §3, ADR 0031): client keys and the questions categories ask (ADR 0042). */

/** `GET /api/v1/admin/open311/keys`. */
export const open311KeyListSchema = z.object({ items: z.array(issuedTokenSchema) });
export type Open311KeyList = z.infer<typeof open311KeyListSchema>;

/** `POST /api/v1/admin/open311/keys`: the key is `apiKey`, shown only in this answer. */
export const issuedOpen311KeySchema = z.object({ id: z.string(), apiKey: z.string(), prefix: z.string() });
export type IssuedOpen311Key = z.infer<typeof issuedOpen311KeySchema>;

/** One question a category asks reporters (core's attributeDefinitionSchema, as stored). */
export const categoryAttributeSchema = z.object({
  code: z.string(),
  description: z.string(),
  datatype: z.enum(OPEN311_DATATYPES),
  required: z.boolean(),
  datatypeDescription: z.string().nullable(),
  values: z.array(z.object({ key: z.string(), name: z.string() })),
});
export type CategoryAttribute = z.infer<typeof categoryAttributeSchema>;

/** `GET`/`PUT /api/v1/admin/categories/:id/attributes`. */
export const categoryAttributeListSchema = z.object({ items: z.array(categoryAttributeSchema) });
export type CategoryAttributeList = z.infer<typeof categoryAttributeListSchema>;
