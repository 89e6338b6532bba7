import { REASON_FIELD } from './actions.js';
import { TRANSITIONS } from './table.js';

/**
 * The lifecycle as a Mermaid `stateDiagram-v2`, generated from the table so the picture in the
 * docs is the rules that run. Edges with the same ends share one arrow with the actions joined,
 * which keeps the many self-loops of `in_progress` readable.
 */
export function lifecycleDiagram(): string {
  const labels = new Map<string, string[]>();
  const add = (from: string, to: string, label: string) => {
    const key = `${from} --> ${to}`;
    const list = labels.get(key) ?? [];
    if (!list.includes(label)) list.push(label);
    labels.set(key, list);
  };
  for (const rule of TRANSITIONS) {
    for (const from of rule.from) {
      add(from, rule.to, rule.action);
      if (rule.alt) add(from, rule.alt.to, `${rule.action} ${rule.alt.when}`);
    }
  }
  const lines = ['stateDiagram-v2', '    [*] --> received'];
  for (const [edge, names] of labels) lines.push(`    ${edge} : ${names.join(' / ')}`);
  lines.push(
    '    merged --> [*]',
    '    note right of returned',
    '        1st return: back to the dispatch pool.',
    '        2nd and later: awaits a supervisor (arbitrate);',
    '        operators cannot dispatch it.',
    '    end note',
  );
  return lines.join('\n');
}

/**
 * The same table as Markdown (action, from, to, who, preconditions), for the docs page that
 * explains the buttons. Generated for the same reason as the diagram.
 */
export function lifecycleRulesTable(): string {
  const rows = TRANSITIONS.map((rule) => {
    const to = rule.alt ? `${rule.to}, or ${rule.alt.to} ${rule.alt.when}` : rule.to;
    const reason = REASON_FIELD[rule.action];
    const needs = [...(rule.requires ?? []), ...(reason ? [reason.required ? reason.field : `${reason.field}?`] : [])];
    const cells = [rule.action, rule.from.join(', '), to, rule.by.join(', '), needs.join(', ') || '—', rule.event];
    return `| ${cells.join(' | ')} |`;
  });
  return ['| action | from | to | by | needs | event |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}
