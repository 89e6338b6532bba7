import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLabeledCsv } from './data.js';
import { nearDuplicateGroups } from './near-duplicates.js';

const dir = await mkdtemp(join(tmpdir(), 'openline-bench-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('readLabeledCsv', () => {
  it('reads title, body and label, ignores other columns and skips unusable rows', async () => {
    const path = join(dir, 'small.csv');
    await writeFile(
      path,
      '\uFEFFid,title,body,label,user\n' +
        '1,停水,"小区停水了，""急""",供水,u1\n' +
        '2,,"楼上噪音很大\n扰民",噪音,u2\n' +
        '3,没有标签,内容,,u3\n',
    );
    const { examples, skipped } = await readLabeledCsv(path);
    expect(examples).toEqual([
      { title: '停水', body: '小区停水了，"急"', label: '供水' },
      { title: '', body: '楼上噪音很大\n扰民', label: '噪音' },
    ]);
    expect(skipped).toBe(1);
  });

  it('refuses a file without the needed columns', async () => {
    const path = join(dir, 'wrong.csv');
    await writeFile(path, 'a,b\n1,2\n');
    await expect(readLabeledCsv(path)).rejects.toThrow(/no usable rows/);
  });
});

describe('nearDuplicateGroups', () => {
  it('groups reposts of one appeal and keeps different appeals apart', () => {
    const repost = '小区二期的地下车库入口长期积水，业主多次向物业反映没有任何处理，请有关部门督促解决';
    const groups = nearDuplicateGroups([
      { body: repost, label: 'a' },
      { body: `${repost}！谢谢`, label: 'a' },
      { body: '学校周边的道路施工噪音很大，影响学生上课，请求调整施工时间', label: 'b' },
    ]);
    expect(groups[0]).toBe(groups[1]);
    expect(groups[2]).not.toBe(groups[0]);
  });
});
