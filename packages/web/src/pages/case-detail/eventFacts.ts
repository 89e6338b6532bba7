import type { TFunction } from 'i18next';
import type { CaseEventView } from '../../api/cases';
import { channelLabel, contactMethodLabel, deadlineKindLabel, satisfactionLabel, vulnerabilityLabel } from '../../i18n/labels';
import { formatCityTime } from '../../lib/time';

/*
 * The details of an event worth a line in the timeline, from its payload. Only keys we know are
 * shown: the payload is the server's record, and unknown keys (ids, internal flags) would be
 * noise to a handler. Units are shown by name when the user can see them, else not at all.
 */

const TEXT_KEYS = ['note', 'text', 'comment'] as const;
const FLAGS = ['toArbitration', 'autoClosed', 'withoutVisit', 'extensionWithdrawn'] as const;

export function eventFacts(t: TFunction, event: CaseEventView, unitName: (id: string) => string | undefined): string[] {
  const payload = event.payload ?? {};
  const facts: string[] = [];
  const fact = (label: string, value: string | undefined) => {
    if (value) facts.push(t('timeline.fact', { label, value }));
  };
  const str = (key: string): string | undefined => {
    const value = payload[key];
    return typeof value === 'string' && value.trim() ? value : undefined;
  };
  const num = (key: string): string | undefined => {
    const value = payload[key];
    return typeof value === 'number' ? String(value) : undefined;
  };
  const flags = (key: string): string | undefined => {
    const value = payload[key];
    if (!Array.isArray(value)) return undefined;
    const labels = value.filter((flag): flag is string => typeof flag === 'string').map((flag) => vulnerabilityLabel(t, flag));
    return labels.length > 0 ? labels.join('、') : t('vulnerable.none');
  };
  const unit = (key: string): string | undefined => {
    const id = str(key);
    return id ? unitName(id) : undefined;
  };

  fact(t('timeline.payload.leadUnit'), unit('leadUnitId'));
  const co = payload.coUnitIds;
  if (Array.isArray(co)) {
    const names = co.filter((id): id is string => typeof id === 'string').map(unitName).filter(Boolean);
    fact(t('timeline.payload.coUnits'), names.join('、'));
  }
  // A co-unit's record (协办) names the unit it was written for, by its name at the time if it has moved.
  if (event.type === 'merged_caller_rated') fact(t('timeline.payload.mergedCase'), str('caseNumber'));
  if (event.type.startsWith('co_')) fact(t('timeline.payload.coUnit'), unit('unitId') ?? str('unitName'));
  fact(t('timeline.payload.returnedBy'), unit('returnedByUnitId'));
  fact(t('timeline.payload.suggestedUnit'), unit('suggestedUnitId'));
  fact(t('timeline.payload.channel'), event.type === 'created' && str('channel') ? channelLabel(t, str('channel') ?? '') : undefined);
  fact(t('timeline.payload.method'), str('method') && contactMethodLabel(t, str('method') ?? ''));
  fact(t('timeline.payload.workingDays'), num('workingDays'));
  fact(t('timeline.payload.requestedWorkingDays'), num('requestedWorkingDays'));
  if (typeof payload.solved === 'boolean') fact(t('timeline.payload.solved'), t(payload.solved ? 'solved.yes' : 'solved.no'));
  fact(t('timeline.payload.satisfaction'), str('satisfaction') && satisfactionLabel(t, str('satisfaction') ?? ''));
  fact(t('timeline.payload.deadline'), str('deadline') && deadlineKindLabel(t, str('deadline') ?? ''));
  fact(t('timeline.payload.dueAt'), str('dueAt') && formatCityTime(str('dueAt') ?? ''));
  const before = flags('before');
  const after = flags('after');
  if (event.type === 'vulnerabilities_changed' && before && after) fact(t('vulnerable.timeline'), t('vulnerable.change', { before, after }));
  fact(t('vulnerable.timeline'), flags('vulnerabilities'));
  for (const key of TEXT_KEYS) fact(t(`timeline.payload.${key}`), str(key));
  for (const flag of FLAGS) if (payload[flag] === true) facts.push(t(`timeline.${flag}`));
  return facts;
}
