import type { TFunction } from 'i18next';
import { CASE_TYPES, CHANNELS, ROLES, URGENCIES, isCaseStatus, type CaseType, type Channel, type Role, type Urgency } from '@openline/core';

/*
 * The API sends stable English codes; screens show translations. A code this build does not
 * know yet (a newer server) is shown as-is rather than hidden, so nothing silently disappears.
 */

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
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
