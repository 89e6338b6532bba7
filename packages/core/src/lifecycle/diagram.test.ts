import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTION_SCHEMAS, ACTION_TYPES, REASON_FIELD } from './actions.js';
import { lifecycleDiagram, lifecycleRulesTable } from './diagram.js';
import { TRANSITIONS } from './table.js';

const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
const architecture = readFileSync(new URL('../../../../docs/architecture.md', import.meta.url), 'utf8');

/** `from --> to : a / b` lines of a Mermaid state diagram, as (from, to, label) triples. */
function edges(diagram: string): Array<{ from: string; to: string; labels: string[] }> {
  return [...diagram.matchAll(/^\s*(\S+) --> (\S+)(?: : (.*))?$/gm)].map((m) => ({
    from: m[1] ?? '',
    to: m[2] ?? '',
    labels: (m[3] ?? '').split(' / '),
  }));
}

describe('the lifecycle diagram', () => {
  const drawn = edges(lifecycleDiagram());

  it('draws every transition of the table, and no other', () => {
    const expected = TRANSITIONS.flatMap((rule) =>
      rule.from.flatMap((from) => [
        `${from} -${rule.action}-> ${rule.to}`,
        ...(rule.alt ? [`${from} -${rule.action} ${rule.alt.when}-> ${rule.alt.to}`] : []),
      ]),
    );
    const actual = drawn.filter((e) => e.from !== '[*]' && e.to !== '[*]').flatMap((e) => e.labels.map((l) => `${e.from} -${l}-> ${e.to}`));
    expect(new Set(actual)).toEqual(new Set(expected));
    expect(actual).toHaveLength(expected.length);
  });

  it('is the one in README.md, so the docs cannot drift from the rules', () => {
    expect(readme).toContain('```mermaid\n' + lifecycleDiagram() + '\n```');
  });

  it('and so is the rules table', () => {
    expect(readme).toContain(lifecycleRulesTable());
  });
});

describe('REASON_FIELD', () => {
  it('says "required" exactly where the schema refuses an empty body', () => {
    for (const type of ACTION_TYPES) {
      const spec = REASON_FIELD[type];
      if (spec === undefined) continue;
      const issues = ACTION_SCHEMAS[type].safeParse({}).error?.issues ?? [];
      expect(issues.some((i) => i.path[0] === spec.field), type).toBe(spec.required);
    }
  });
});

describe('docs/architecture.md', () => {
  it('shows the same generated state diagram', () => {
    expect(architecture).toContain(lifecycleDiagram());
  });
});
