import { z } from 'zod';

/* 诉求分类 (issue 12 §6, ADR 0026): the staff tree, the public choice and the admin's edits (ADR 0042). */

/** One category, as an admin edit answers it. */
export const categorySchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  code: z.string().describe('stable machine name (Open311 service code); never changes'),
  name: z.string(),
  description: z.string().nullable(),
  keywords: z.array(z.string()),
  sortOrder: z.number().int(),
  level: z.number().int().describe('1 at the top, 3 at most'),
  retired: z.boolean(),
});
export type CategoryView = z.infer<typeof categorySchema>;

/** A node with its children: the shape of GET /api/v1/categories (three levels at most). */
export type CategoryTreeNode = CategoryView & { children: CategoryTreeNode[] };
export const categoryTreeNodeSchema: z.ZodType<CategoryTreeNode> = categorySchema.extend({
  children: z.lazy(() => z.array(categoryTreeNodeSchema)),
});

/** `GET /api/v1/categories`, and the tree after loading the defaults. */
export const categoryTreeSchema = z.object({ items: z.array(categoryTreeNodeSchema) });
export type CategoryTree = z.infer<typeof categoryTreeSchema>;

/** What a citizen may choose on the appeal form: names and codes only. */
export type PublicCategory = { id: string; code: string; name: string; children: PublicCategory[] };
export const publicCategorySchema: z.ZodType<PublicCategory> = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  children: z.lazy(() => z.array(publicCategorySchema)),
});

/** `GET /api/v1/public/categories`. */
export const publicCategoryTreeSchema = z.object({ items: z.array(publicCategorySchema) });
export type PublicCategoryTree = z.infer<typeof publicCategoryTreeSchema>;

/** What a trained category model version records of itself (ADR 0045). */
export const categoryModelMetricsSchema = z.object({
  examples: z.number().int(),
  labels: z.number().int().describe('categories seen in the examples'),
  heldOut: z.number().int(),
  accuracy: z.number().nullable().describe('top-1 accuracy of a probe trained without the held-out fifth, on that fifth'),
  macroF1: z.number().nullable(),
  trainMs: z.number(),
  correctionExamples: z.number().int().describe('examples whose category an operator corrected after intake (counted twice)'),
});
export type CategoryModelMetrics = z.infer<typeof categoryModelMetricsSchema>;

/** `GET /api/v1/admin/category-models`: the latest versions, newest first. */
export const categoryModelListSchema = z.object({
  items: z.array(z.object({ id: z.string(), version: z.number().int(), metrics: categoryModelMetricsSchema, trainedBy: z.string().nullable(), createdAt: z.string() })),
});
export type CategoryModelVersion = z.infer<typeof categoryModelListSchema>['items'][number];

/** `POST /api/v1/admin/category-models/train`. */
export const categoryModelTrainedSchema = z.object({ version: z.number().int(), metrics: categoryModelMetricsSchema });
