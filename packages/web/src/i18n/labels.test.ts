import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditActionLabel, outboxRecipientLabel, outboxTemplateLabel } from './labels';
import { chineseT } from './test-instance';

// Codes the server stores (auth.login, unit:<uuid>, case_dispatched) reached admins as they were.
describe('labels for admin logs', () => {
  let t: TFunction;
  beforeAll(async () => {
    t = await chineseT();
  });

  it('names audit actions by family and verb, and case actions with the lifecycle words', () => {
    expect(auditActionLabel(t, 'auth.login')).toBe('登录 · 登录成功');
    expect(auditActionLabel(t, 'settings.deadline_policy')).toBe('设置 · 办理时限');
    expect(auditActionLabel(t, 'case.dispatch')).toBe('工单 · 派单');
    expect(auditActionLabel(t, 'pii.reveal')).toBe('个人信息 · 查看');
  });

  it('shows an action this build does not know as its code, never hides it', () => {
    expect(auditActionLabel(t, 'auth.sso_login')).toBe('auth.sso_login');
    expect(auditActionLabel(t, 'telepathy.read')).toBe('telepathy.read');
    expect(auditActionLabel(t, 'nodot')).toBe('nodot');
  });

  it('names outbox recipients and templates', () => {
    const names = (id: string) => (id === 'u-1' ? '市水务局' : undefined);
    expect(outboxRecipientLabel(t, 'unit:u-1', names)).toBe('市水务局（单位）');
    expect(outboxRecipientLabel(t, 'unit:u-unknown', names)).toBe('已不可见的单位');
    expect(outboxRecipientLabel(t, 'role:supervisor:j-1', names)).toBe('全体督办员');
    expect(outboxRecipientLabel(t, '139****5678', names)).toBe('139****5678');
    expect(outboxRecipientLabel(t, 'user:u-9', names)).toBe('指定工作人员');
    expect(outboxTemplateLabel(t, 'case_dispatched')).toBe('派单通知');
    expect(outboxTemplateLabel(t, 'brand_new')).toBe('brand_new');
  });

  // The server's source is the list of what it writes: a new audit action or outbox template
  // without a name here would reach admins as a code again.
  it('names every audit action and outbox template the server writes', () => {
    const server = fileURLToPath(new URL('../../../server/src', import.meta.url));
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
      });
    const source = files(server).map((path) => readFileSync(path, 'utf8')).join('\n');
    const actions = new Set([...source.matchAll(/action: '([a-z_]+\.[a-z_.]+)'/g)].map((m) => m[1] ?? ''));
    const categoryActions = [...source.matchAll(/'(category\.[a-z_]+)'/g)].map((m) => m[1] ?? '');
    const templates = new Set([...source.matchAll(/template: '([a-z_]+)'/g)].map((m) => m[1] ?? ''));
    expect(actions.size).toBeGreaterThan(30);
    for (const action of [...actions, ...categoryActions]) expect(auditActionLabel(t, action), action).not.toBe(action);
    for (const template of templates) expect(outboxTemplateLabel(t, template), template).not.toBe(template);
  });
});
