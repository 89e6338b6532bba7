import type { TFunction } from 'i18next';
import { CASE_TYPES, CHANNELS, ROLES, URGENCIES, isCaseStatus, type CaseType, type Channel, type Role, type Urgency } from '@openline/core';
import type { ActionType, Satisfaction } from '@openline/core';
import { zhCN } from './zh-CN';

/*
 * The API sends stable English codes; screens show translations. A code this build does not
 * know yet (a newer server) is shown as-is rather than hidden, so nothing silently disappears.
 *
 * Lifecycle codes (actions, satisfaction levels, contact methods) are read from the message
 * tables, not imported from core: core declares them next to its zod schemas, and importing them
 * would put zod into every page that shows a status, the citizen's tracking page included.
 * messages.test.ts keeps the tables equal to core's lists.
 */

/** The three answers of a return visit, best first (the order of the buttons). */
export const SATISFACTION_CHOICES = Object.keys(zhCN.satisfaction) as Satisfaction[];

/** How a handler reached the citizen, in the order offered. */
export const CONTACT_METHOD_CHOICES = Object.keys(zhCN.contactMethod) as (keyof typeof zhCN.contactMethod)[];

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

/** For message groups keyed by codes that core does not enumerate (event types, org kinds, …). */
function isKeyOf<T extends object>(table: T, value: string): value is Extract<keyof T, string> {
  return Object.hasOwn(table, value);
}

export function statusLabel(t: TFunction, status: string): string {
  return isCaseStatus(status) ? t(`status.${status}`) : status;
}

export function channelLabel(t: TFunction, channel: string): string {
  return isOneOf<Channel>(CHANNELS, channel) ? t(`channel.${channel}`) : channel;
}

export function caseTypeLabel(t: TFunction, type: string): string {
  return isOneOf<CaseType>(CASE_TYPES, type) ? t(`caseType.${type}`) : type;
}

export function urgencyLabel(t: TFunction, urgency: string): string {
  return isOneOf<Urgency>(URGENCIES, urgency) ? t(`urgency.${urgency}`) : urgency;
}

export function roleLabel(t: TFunction, role: string): string {
  return isOneOf<Role>(ROLES, role) ? t(`roles.${role}`) : role;
}

export function isKnownAction(action: string): action is ActionType {
  return isKeyOf(zhCN.action, action);
}

export function actionLabel(t: TFunction, action: string): string {
  return isKnownAction(action) ? t(`action.${action}`) : action;
}

export function eventLabel(t: TFunction, type: string): string {
  return isKeyOf(zhCN.event, type) ? t(`event.${type}`) : type;
}

export function satisfactionLabel(t: TFunction, level: string): string {
  return isKeyOf(zhCN.satisfaction, level) ? t(`satisfaction.${level}`) : level;
}

export function deadlineKindLabel(t: TFunction, kind: string): string {
  return isKeyOf(zhCN.deadline.kind, kind) ? t(`deadline.kind.${kind}`) : kind;
}

export function contactMethodLabel(t: TFunction, method: string): string {
  return isKeyOf(zhCN.contactMethod, method) ? t(`contactMethod.${method}`) : method;
}

export function orgKindLabel(t: TFunction, kind: string): string {
  return isKeyOf(zhCN.orgKind, kind) ? t(`orgKind.${kind}`) : kind;
}

export function lineModeLabel(t: TFunction, mode: string): string {
  return isKeyOf(zhCN.lineMode, mode) ? t(`lineMode.${mode}`) : mode;
}

export function lineModeExplanation(t: TFunction, mode: string): string | null {
  return isKeyOf(zhCN.lineModeExplain, mode) ? t(`lineModeExplain.${mode}`) : null;
}

export function noticeKindLabel(t: TFunction, kind: string): string {
  return isKeyOf(zhCN.supervision.kind, kind) ? t(`supervision.kind.${kind}`) : kind;
}

export function outboxStatusLabel(t: TFunction, status: string): string {
  return isKeyOf(zhCN.outbox.status, status) ? t(`outbox.status.${status}`) : status;
}

export function outboxChannelLabel(t: TFunction, channel: string): string {
  return isKeyOf(zhCN.outbox.channel, channel) ? t(`outbox.channel.${channel}`) : channel;
}

export function holidayRuleLabel(t: TFunction, rule: string): string {
  return isKeyOf(zhCN.holidayRule, rule) ? t(`holidayRule.${rule}`) : rule;
}

export function vulnerabilityLabel(t: TFunction, flag: string): string {
  return isKeyOf(zhCN.vulnerability, flag) ? t(`vulnerability.${flag}`) : flag;
}

export function outboxTemplateLabel(t: TFunction, template: string): string {
  return isKeyOf(zhCN.outbox.template, template) ? t(`outbox.template.${template}`) : template;
}

/**
 * "登录 · 登录成功" for auth.login; case actions (case.dispatch) borrow the lifecycle's words. An
 * action this build does not know is shown as its code.
 */
export function auditActionLabel(t: TFunction, action: string): string {
  const dot = action.indexOf('.');
  const family = action.slice(0, dot);
  const verb = action.slice(dot + 1);
  if (dot < 0 || !isKeyOf(zhCN.audit.family, family)) return action;
  const verbs: Record<string, string> | undefined = isKeyOf(zhCN.audit.verb, family) ? zhCN.audit.verb[family] : undefined;
  let verbLabel: string | undefined;
  if (verbs && verb in verbs) verbLabel = t(`audit.verb.${family}.${verb}` as 'audit.verb.auth.login');
  else if (family === 'case' && isKnownAction(verb)) verbLabel = t(`action.${verb}`);
  return verbLabel === undefined ? action : `${t(`audit.family.${family}`)} · ${verbLabel}`;
}

/**
 * Who an outbox message went to, in words: "unit:<id>" names the unit, "role:supervisor:<id>"
 * the role; phone numbers and e-mail addresses arrive masked from the server and stay as they are.
 */
export function outboxRecipientLabel(t: TFunction, recipient: string, unitName: (id: string) => string | undefined): string {
  if (recipient.startsWith('unit:')) {
    const name = unitName(recipient.slice('unit:'.length));
    return name === undefined ? t('outbox.recipientUnknownUnit') : t('outbox.recipientUnit', { unit: name });
  }
  if (recipient.startsWith('user:')) return t('outbox.recipientUser');
  const role = /^role:([a-z_]+):/.exec(recipient)?.[1];
  if (role !== undefined) return t('outbox.recipientRole', { role: roleLabel(t, role) });
  return recipient;
}
