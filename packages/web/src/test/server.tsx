import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { App as AntdApp, ConfigProvider } from 'antd';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { inject, vi } from 'vitest';
import { createQueryClient } from '../api/queryClient';
import { initI18n } from '../i18n';
import { useCheckedSession } from '../session/context';
import { SessionProvider } from '../session/SessionProvider';

declare module 'vitest' {
  export interface ProvidedContext {
    webServerUrl: string;
    adminCookie: string;
  }
}

/**
 * Sends the console's requests to the real server the global setup started
 * (`packages/server/test/support/web-component-server.ts`), signed in as its admin. The console
 * asks for same-origin paths; jsdom has no origin to resolve them against, so they are resolved
 * here. The abort signal is left out: jsdom's AbortSignal is not the one Node's fetch accepts.
 */
export function useRealServer(): void {
  const base = inject('webServerUrl');
  const cookie = inject('adminCookie');
  const nodeFetch = globalThis.fetch;
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init: RequestInit = {}) => {
    const { signal: _signal, ...rest } = init;
    return nodeFetch(new URL(String(input), base), { ...rest, headers: { ...(rest.headers as Record<string, string>), cookie } });
  });
}

/** Reads straight from the server, as a second browser tab would, to check what a screen saved. */
export async function serverGet<T>(path: string): Promise<T> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

/** Renders staff screens once the server has confirmed the session, as <RequireAuth> does in the app. */
function SignedIn({ children }: { children: ReactNode }) {
  const { state } = useCheckedSession();
  return state.status === 'signed-in' ? children : null;
}

/**
 * Mounts a screen with the providers the app gives it (translations, antd, queries, session,
 * router); a staff screen waits for the signed-in session first.
 */
export async function renderScreen(screen: ReactNode, queryClient: QueryClient = createQueryClient()) {
  await initI18n();
  const view = render(
    <ConfigProvider button={{ autoInsertSpace: false }}>
      <AntdApp>
        <QueryClientProvider client={queryClient}>
          <SessionProvider>
            <MemoryRouter>
              <SignedIn>{screen}</SignedIn>
            </MemoryRouter>
          </SessionProvider>
        </QueryClientProvider>
      </AntdApp>
    </ConfigProvider>,
  );
  return { ...view, queryClient };
}
