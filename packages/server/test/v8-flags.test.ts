import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const src = path.resolve(import.meta.dirname, '../src');

/** The module specifiers of a file's imports, in order. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(src, file), 'utf8');
  return [...text.matchAll(/^import\s+(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? '');
}

// ADR 0081: V8's settings are made by importing v8-flags.ts. ES modules run in import order, so
// it must be the entry's first import: after another, that module's code would already have run
// with V8's defaults (and a process started otherwise would not have the settings at all).
describe('V8 settings', () => {
  for (const entry of ['main.ts', 'worker-main.ts']) {
    it(`${entry} imports them before anything else`, () => {
      expect(importsOf(entry)[0]).toBe('./v8-flags.js');
    });
  }

  it('finds imports the way the check above relies on', () => {
    expect(importsOf('v8-flags.ts')).toEqual(['node:v8']);
  });
});
