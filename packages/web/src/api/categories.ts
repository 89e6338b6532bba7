import type { CategoryTree, CategoryTreeNode, CategoryView, PublicCategoryTree } from '@openline/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CaseDetail } from './cases';
import { request } from './client';

/* The category tree (诉求分类, issue 12 §6): GET /api/v1/categories and the admin edits. */

/** A node of the staff tree (core's API schema, ADR 0042). */
export type Category = CategoryTreeNode;

export type { CategoryView, PublicCategory } from '@openline/core';

export interface NewCategory {
  parentId: string | null;
  code: string;
  name: string;
  description?: string | null;
  keywords?: string[];
}

export interface CategoryChanges {
  parentId?: string | null;
  name?: string;
  description?: string | null;
  keywords?: string[];
}

export const categoryKeys = {
  all: ['categories'] as const,
  tree: (includeRetired: boolean) => ['categories', { includeRetired }] as const,
  public: ['public-categories'] as const,
};

/** The tree staff choose from (retired ones only when asked: the admin page). Changes rarely: fresh for a minute. */
export function useCategoryTree(includeRetired = false, enabled = true) {
  return useQuery({
    enabled,
    queryKey: categoryKeys.tree(includeRetired),
    queryFn: ({ signal }) => request<CategoryTree>('GET', `/api/v1/categories?includeRetired=${includeRetired}`, { signal }).then((r) => r.items),
    staleTime: 60_000,
  });
}

export function usePublicCategories() {
  return useQuery({
    queryKey: categoryKeys.public,
    queryFn: ({ signal }) => request<PublicCategoryTree>('GET', '/api/v1/public/categories', { signal }).then((r) => r.items),
    staleTime: 5 * 60_000,
  });
}

/** Staff set or correct a case's category (audited); answers the case as its page shows it. */
export function useSetCaseCategory(caseId: string) {
  return useMutation({
    mutationFn: (categoryId: string | null) => request<CaseDetail>('PUT', `/api/v1/cases/${encodeURIComponent(caseId)}/category`, { body: { categoryId } }),
  });
}

/** Every admin edit answers the changed category; the tree is read again after each. */
export function useCategoryEdits() {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: categoryKeys.all });
  return {
    create: useMutation({ mutationFn: (input: NewCategory) => request<CategoryView>('POST', '/api/v1/admin/categories', { body: input }), onSuccess }),
    update: useMutation({
      mutationFn: ({ id, changes }: { id: string; changes: CategoryChanges }) => request<CategoryView>('PATCH', `/api/v1/admin/categories/${id}`, { body: changes }),
      onSuccess,
    }),
    setRetired: useMutation({
      mutationFn: ({ id, retired }: { id: string; retired: boolean }) => request<CategoryView>('POST', `/api/v1/admin/categories/${id}/${retired ? 'retire' : 'restore'}`),
      onSuccess,
    }),
    remove: useMutation({ mutationFn: (id: string) => request<null>('DELETE', `/api/v1/admin/categories/${id}`), onSuccess }),
    loadDefaults: useMutation({ mutationFn: () => request<{ items: Category[] }>('POST', '/api/v1/admin/categories/load-defaults'), onSuccess }),
  };
}
