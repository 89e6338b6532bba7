import type { AttributeAnswer } from './attributes.js';

/**
 * The text of the case a GeoReport v2 request opens: the reporter's description (the service's
 * name when they gave none: the case must say what it is about), then each attribute answer on a
 * line of its own, so the operator and the department read everything in the one place they look.
 */
export function open311CaseContent(o: { description: string | null; serviceName: string; answers: readonly AttributeAnswer[] }): string {
  const lines = [o.description?.trim() || o.serviceName];
  for (const a of o.answers) lines.push(`${a.question}：${a.display}`);
  return lines.join('\n');
}
