import { z } from 'zod';

/* The knowledge base: answers an operator can read out during a call (ADR 0025, 0042). */

const ranges = z.array(z.tuple([z.number(), z.number()]));

export const articleSchema = z.object({
  id: z.string(),
  question: z.string(),
  answer: z.string(),
  tags: z.array(z.string()),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  ownerUnitId: z.string().nullable(),
  ownerUnitName: z.string().nullable(),
  updatedAt: z.string(),
  /** Where the query matched, [start, end) in `question` and in `answer`; only when searched. */
  highlights: z.object({ question: ranges, answer: ranges }).optional(),
});
export type Article = z.infer<typeof articleSchema>;

/** `GET /api/v1/kb/articles` (search) and `GET /api/v1/admin/kb/articles` (all). */
export const articleListSchema = z.object({ items: z.array(articleSchema) });
export type ArticleList = z.infer<typeof articleListSchema>;
