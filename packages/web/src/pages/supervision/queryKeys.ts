/** TanStack Query keys of the supervision screens; a write invalidates `all` so every count and list refreshes. */
export const supervisionKeys = {
  all: ['supervision'] as const,
  queues: ['supervision', 'queues'] as const,
  orders: (query: object) => ['supervision', 'orders', query] as const,
  extensions: (query: object) => ['supervision', 'extensions', query] as const,
  notices: (query: object) => ['supervision', 'notices', query] as const,
};
