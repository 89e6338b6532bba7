import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { closedFolderOnTheWay } from './server-process.js';

const NOBODY = 65534;
const base = mkdtempSync(path.join(tmpdir(), 'openline-closed-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

it('names the first folder another user cannot enter on the way to the checkout', () => {
  const checkout = path.join(base, 'clone', 'main');
  mkdirSync(checkout, { recursive: true });
  chmodSync(base, 0o755);
  chmodSync(path.join(base, 'clone'), 0o700);
  // The folders are ours, so only the "others" bit decides for nobody.
  expect(closedFolderOnTheWay(checkout, NOBODY)).toBe(path.join(base, 'clone'));
  chmodSync(path.join(base, 'clone'), 0o755);
  expect(closedFolderOnTheWay(checkout, NOBODY)).toBeUndefined();
  chmodSync(base, 0o700);
  expect(closedFolderOnTheWay(checkout, NOBODY)).toBe(base);
  chmodSync(base, 0o755);
});
