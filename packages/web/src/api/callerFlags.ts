import type { CallerFlagList, CallerFlagSettings, CallerFlagSettingsView, CallerFlagView, FlaggedCaseList, RaiseAbuseFlagInput, ReviewCallerFlagInput } from '@openline/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request, withQuery } from './client';

/* Caller flags (DESIGN §7, ADR 0036). Answers are core's API schemas (ADR 0042). */

export type { FlaggedCase } from '@openline/core';
export type CallerFlag = CallerFlagView;
export type CallerFlagListStatus = 'unreviewed' | 'active' | 'cleared';

const KEY = ['caller-flags'] as const;
export const callerFlagKeys = {
  all: KEY,
  list: (status: CallerFlagListStatus) => [...KEY, 'list', status] as const,
  cases: [...KEY, 'cases'] as const,
  settings: [...KEY, 'settings'] as const,
};

export function useCallerFlags(status: CallerFlagListStatus) {
  return useQuery({
    queryKey: callerFlagKeys.list(status),
    queryFn: ({ signal }) => request<CallerFlagList>('GET', withQuery('/api/v1/caller-flags', { status }), { signal }),
  });
}

export function useFlaggedCases() {
  return useQuery({
    queryKey: callerFlagKeys.cases,
    queryFn: ({ signal }) => request<FlaggedCaseList>('GET', '/api/v1/caller-flags/cases', { signal }),
  });
}

export function useCallerFlagSettings() {
  return useQuery({
    queryKey: callerFlagKeys.settings,
    queryFn: ({ signal }) => request<CallerFlagSettingsView>('GET', '/api/v1/caller-flags/settings', { signal }),
  });
}

/** Every change may move a flag between tabs and a caller's cases in or out of the queue: refresh all of it. */
function useFlagMutation<V, R>(run: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => client.invalidateQueries({ queryKey: KEY }) });
}

export const useRaiseAbuseFlag = () => useFlagMutation((input: RaiseAbuseFlagInput) => request<CallerFlag>('POST', '/api/v1/caller-flags', { body: input }));
export const useReviewCallerFlag = () =>
  useFlagMutation((v: { id: string; input: ReviewCallerFlagInput }) => request<CallerFlag>('POST', `/api/v1/caller-flags/${encodeURIComponent(v.id)}/review`, { body: v.input }));
export const useSetCallerFlagSettings = () =>
  useFlagMutation((settings: CallerFlagSettings) => request<CallerFlagSettingsView>('PUT', '/api/v1/caller-flags/settings', { body: settings }));
