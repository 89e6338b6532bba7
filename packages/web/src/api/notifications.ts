import type { NotificationList, UnreadCount } from '@openline/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { LIVE_EVENTS, useLiveEvents } from '../lib/useLiveEvents';
import { request, withQuery } from './client';

/* The bell (issue 12 §4): the signed-in user's notifications; shapes from core's schemas. */

export type { Notification, NotificationList } from '@openline/core';

/** Every notification query starts with this key, so one invalidation refreshes the bell and the page. */
export const NOTIFICATIONS_KEY = ['notifications'] as const;

/**
 * The live-events stream tells the bell of each new notification (useNotificationStream); the
 * slow poll only covers a stream that is down (a proxy that buffers SSE, a reconnect gap).
 */
const POLL_MS = 60_000;

export function listNotifications(query: { limit: number; unread?: boolean }, signal?: AbortSignal): Promise<NotificationList> {
  return request<NotificationList>('GET', withQuery('/api/v1/notifications', { limit: query.limit, unread: query.unread }), { signal });
}

export function useNotifications(query: { limit: number; unread?: boolean }) {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, query],
    queryFn: ({ signal }) => listNotifications(query, signal),
    refetchInterval: POLL_MS,
    staleTime: 5_000,
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => request<UnreadCount>('POST', `/api/v1/notifications/${encodeURIComponent(id)}/read`),
    onSuccess: () => client.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

export function useMarkAllRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => request<UnreadCount>('POST', '/api/v1/notifications/read-all'),
    onSuccess: () => client.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

/** Refetches the bell and the list as soon as the server says there is a new notification. */
export function useNotificationStream(): void {
  const client = useQueryClient();
  useLiveEvents(LIVE_EVENTS.notification, () => void client.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }));
}
