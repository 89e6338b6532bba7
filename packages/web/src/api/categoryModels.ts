import type { CategoryModelMetrics, CategoryModelVersion } from '@openline/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from './client';

/* The learned category model (ADR 0045): its versions and an admin's "train now". */

export type { CategoryModelMetrics, CategoryModelVersion } from '@openline/core';

const key = ['category-models'] as const;

export function useCategoryModels() {
  return useQuery({
    queryKey: key,
    queryFn: ({ signal }) => request<{ items: CategoryModelVersion[] }>('GET', '/api/v1/admin/category-models', { signal }).then((r) => r.items),
  });
}

export function useTrainCategoryModel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => request<{ version: number; metrics: CategoryModelMetrics }>('POST', '/api/v1/admin/category-models/train', { body: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
}
