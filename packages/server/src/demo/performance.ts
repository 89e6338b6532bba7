/**
 * How well each demo unit does its work, so the figures (DESIGN §6) tell a story at a glance:
 * some departments answer fast and satisfy citizens, some return cases and leave them late,
 * one is getting better and one worse from month to month. 0 is poor, 1 excellent; the share
 * of missed response deadlines, returns, unsatisfied visits and overdue cases follows from it
 * in lifecycle.ts. Units not named here are middling.
 */
const QUALITY: Readonly<Record<string, { then: number; now: number }>> = {
  市交通运输局: { then: 0.95, now: 0.95 },
  示例市供水集团有限公司: { then: 0.9, now: 0.92 },
  西湖区城市管理局: { then: 0.88, now: 0.9 },
  和平街道: { then: 0.9, now: 0.9 },
  东城区住房和城乡建设局: { then: 0.2, now: 0.25 },
  示例市热力有限公司: { then: 0.25, now: 0.2 },
  市人力资源和社会保障局: { then: 0.3, now: 0.3 },
  新华街道: { then: 0.3, now: 0.35 },
  // The busiest unit turns itself around; another slips.
  东城区城市管理局: { then: 0.3, now: 0.95 },
  高新区城市管理局: { then: 0.9, now: 0.3 },
};
const MIDDLING = 0.65;

/** A unit's quality at a moment, `progress` running from 0 (start of the demo period) to 1 (now). */
export function unitQuality(unit: string, progress: number): number {
  const q = QUALITY[unit];
  if (!q) return MIDDLING;
  const p = Math.min(1, Math.max(0, progress));
  return q.then + (q.now - q.then) * p;
}

/** The units the demo makes clearly good or poor over the whole period (tests read it). */
export const DEMO_BEST_UNITS = ['市交通运输局', '示例市供水集团有限公司', '西湖区城市管理局'] as const;
export const DEMO_WORST_UNITS = ['东城区住房和城乡建设局', '示例市热力有限公司', '市人力资源和社会保障局'] as const;
