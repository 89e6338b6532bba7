// Test setup and checks through the public HTTP API, signed in as a demo user: data a scenario
// needs before it starts, and what the server recorded after a click.
import { request, type APIRequestContext } from 'playwright-core';
import { baseUrl, DEMO_PASSWORD } from './browser.js';

export interface Api {
  /** GET, expecting 200; returns the parsed body. */
  get<T>(path: string): Promise<T>;
  /** POST/PUT with a JSON body, expecting `status`; returns the parsed body. */
  send<T>(method: 'POST' | 'PUT', path: string, body: unknown, status?: number): Promise<T>;
  dispose(): Promise<void>;
}

async function parsed<T>(what: string, response: Awaited<ReturnType<APIRequestContext['get']>>, status: number): Promise<T> {
  const text = await response.text();
  if (response.status() !== status) throw new Error(`${what} answered ${response.status()}, expected ${status}: ${text}`);
  return JSON.parse(text) as T;
}

/** An API client signed in as `username` (demo password) on the suite's server or on `server`. */
export async function apiAs(username: string, server = baseUrl()): Promise<Api> {
  const context = await request.newContext({ baseURL: server });
  await parsed('POST /api/v1/auth/login', await context.post('/api/v1/auth/login', { data: { username, password: DEMO_PASSWORD } }), 200);
  return {
    get: async <T>(path: string) => parsed<T>(`GET ${path}`, await context.get(path), 200),
    // `data` is sent as JSON, which the server's CSRF check requires on every write.
    send: async <T>(method: 'POST' | 'PUT', path: string, body: unknown, status = method === 'POST' ? 201 : 200) =>
      parsed<T>(`${method} ${path}`, await context.fetch(path, { method, data: body }), status),
    dispose: () => context.dispose(),
  };
}

export interface CaseEvent {
  type: string;
  payload: Record<string, unknown> | null;
}

/** The parts of GET /api/v1/cases/:id the scenarios check. */
export interface CaseView {
  id: string;
  caseNumber: string;
  status: string;
  replyText: string | null;
  leadUnit: { id: string; name: string } | null;
  events: CaseEvent[];
}

export interface StaffIntake {
  callerPhone: string;
  content: string;
  address?: string;
  type?: string;
}

/** Records a phone call as the operator does on 新建工单; returns the new case's id and number. */
export function createCaseViaApi(api: Api, intake: StaffIntake): Promise<{ id: string; caseNumber: string }> {
  return api.send('POST', '/api/v1/cases', { channel: 'phone', type: 'complaint', urgency: 'normal', ...intake });
}

export interface ArticleIntake {
  question: string;
  answer: string;
  tags?: string[];
  validFrom?: string | null;
  validTo?: string | null;
}

/** An admin writes a knowledge article. */
export function createArticleViaApi(api: Api, article: ArticleIntake): Promise<{ id: string; question: string }> {
  return api.send('POST', '/api/v1/admin/kb/articles', { tags: [], ...article });
}

/**
 * Waits until the jurisdiction has a trained routing model. The server's worker trains the first
 * one a few seconds after start (a fresh database has no model younger than a day).
 */
export async function waitForRoutingModel(admin: Api, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { items } = await admin.get<{ items: unknown[] }>('/api/v1/admin/routing/models');
    if (items.length > 0) return;
    if (Date.now() > deadline) throw new Error(`no routing model was trained within ${timeoutMs / 1000} s of the server's start`);
    await new Promise<void>((resolve) => setTimeout(resolve, 500));
  }
}
