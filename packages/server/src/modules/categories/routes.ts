import { caseDetailSchema, categorySchema, categoryTreeSchema, isCategoryCode, publicCategoryTreeSchema, type CategoryTreeNode, type PublicCategory } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema, patchBody } from '../../plugins/schemas.js';
import { getCaseDetail } from '../cases/detail.js';
import { setCaseCategory } from '../cases/category.js';
import { findDefaultJurisdiction } from '../jurisdictions/repository.js';
import { enforcePublicLimit } from '../limits/service.js';
import { categoryTree, createCategory, deleteCategory, loadDefaultCategories, setCategoryRetired, updateCategory } from './service.js';

const name = z.string().trim().min(1).max(50);
const keywords = z.array(z.string().trim().min(1).max(20)).max(50);
const description = z.string().trim().max(500).nullable();
const parentId = z.string().uuid().nullable();
const sortOrder = z.number().int().min(0).max(10_000);
const code = z.string().trim().refine(isCategoryCode, { message: 'lower-case letters, digits and single hyphens, 2–40 characters, starting with a letter' });

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
const secured = { security: [{ session: [] }] };
const idParams = z.object({ id: z.string().uuid() });

/** The category tree (issue 12 §6, ADR 0026): read by everyone, edited by admins, set on cases by staff. */
export function registerCategoryRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/categories',
    {
      schema: {
        tags: ['categories'], summary: "The jurisdiction's category tree (诉求分类), three levels at most", ...secured,
        querystring: z.object({ includeRetired: z.enum(['true', 'false']).default('false').transform((v) => v === 'true') }),
        response: { 200: categoryTreeSchema, 401: errorSchema },
      },
    },
    async (request) => categoryTree(ctx, { jurisdictionId: requireUser(request).jurisdictionId, includeRetired: request.query.includeRetired }),
  );

  r.get(
    '/api/v1/public/categories',
    {
      schema: {
        tags: ['public'], summary: 'The categories a citizen may choose on the appeal form (names and codes only)',
        response: { 200: publicCategoryTreeSchema, 429: errorSchema, 503: errorSchema },
      },
    },
    async (request) => {
      await enforcePublicLimit(ctx, { scope: 'publicDataPerAddress', key: request.ip });
      const jurisdiction = await findDefaultJurisdiction(ctx.db);
      if (!jurisdiction) throw new AppError('NOT_CONFIGURED', 'No jurisdiction is set up yet');
      const { items } = await categoryTree(ctx, { jurisdictionId: jurisdiction.id, includeRetired: false });
      const strip = (n: CategoryTreeNode): PublicCategory => ({ id: n.id, code: n.code, name: n.name, children: n.children.map(strip) });
      return { items: items.map(strip) };
    },
  );

  r.post(
    '/api/v1/admin/categories',
    {
      schema: {
        tags: ['admin'], summary: 'Add a category (admin; audited); its code is permanent', ...secured,
        body: z.object({ parentId, code, name, description: description.optional(), keywords: keywords.optional(), sortOrder: sortOrder.optional() }),
        response: { 201: categorySchema, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await createCategory(ctx, { user: requireUser(request), ip: request.ip, input: request.body })),
  );

  r.patch(
    '/api/v1/admin/categories/:id',
    {
      schema: {
        tags: ['admin'], summary: 'Rename, move, describe or re-order a category (admin; audited)', ...secured, params: idParams,
        body: patchBody(z.object({ parentId: parentId.optional(), name: name.optional(), description: description.optional(), keywords: keywords.optional(), sortOrder: sortOrder.optional() }).strict()),
        response: { 200: categorySchema, ...errors },
      },
    },
    async (request) => updateCategory(ctx, { user: requireUser(request), ip: request.ip, id: request.params.id, changes: request.body }),
  );

  for (const [action, retired] of [['retire', true], ['restore', false]] as const) {
    r.post(
      `/api/v1/admin/categories/:id/${action}`,
      {
        schema: {
          tags: ['admin'], ...secured, params: idParams,
          summary: retired ? 'Retire a category and its subtree: no longer offered, still named by cases (admin; audited)' : 'Bring a retired category and its subtree back (admin; audited)',
          response: { 200: categorySchema, ...errors },
        },
      },
      async (request) => setCategoryRetired(ctx, { user: requireUser(request), ip: request.ip, id: request.params.id, retired }),
    );
  }

  r.delete(
    '/api/v1/admin/categories/:id',
    {
      schema: {
        tags: ['admin'], summary: 'Delete a category no case uses and that has no sub-categories (admin; audited)', ...secured, params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteCategory(ctx, { user: requireUser(request), ip: request.ip, id: request.params.id });
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/admin/categories/load-defaults',
    { schema: { tags: ['admin'], summary: 'Load the default tree into a jurisdiction that has no categories (admin; audited)', ...secured, response: { 200: categoryTreeSchema, ...errors } } },
    async (request) => loadDefaultCategories(ctx, { user: requireUser(request), ip: request.ip }),
  );

  r.put(
    '/api/v1/cases/:id/category',
    {
      schema: {
        tags: ['cases'], summary: "Set or correct a case's category (operators, supervisors, admins; audited case event)", ...secured, params: idParams,
        body: z.object({ categoryId: z.string().uuid().nullable() }),
        response: { 200: caseDetailSchema, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await setCaseCategory(ctx, { user, caseId: request.params.id, categoryId: request.body.categoryId, ip: request.ip });
      return getCaseDetail(ctx, { user, caseId: request.params.id });
    },
  );
}
