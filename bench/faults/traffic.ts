// The citizen side of the fault bench: appeals over plain HTTP, as a browser would send them.

const PLACES = ['幸福路', '解放大街', '滨河小区', '长安街', '东风里', '新华苑', '建设路', '和平里'];
const PROBLEMS = ['路灯不亮', '井盖松动', '垃圾清运不及时', '楼道堆放杂物', '人行道地砖破损', '公交站牌缺失', '小区绿化带被占用', '噪音扰民'];

/** A plausible, non-emergency appeal, different each time (so no two merge by accident of text alone). */
export function appealBody(n: number, runTag: string): { name: string; phone: string; content: string; address: string } {
  const place = PLACES[n % PLACES.length] ?? '';
  const problem = PROBLEMS[Math.floor(n / PLACES.length) % PROBLEMS.length] ?? '';
  return {
    name: `市民${n}`,
    phone: `139${String(10_000_000 + ((n * 7919) % 90_000_000)).padStart(8, '0')}`,
    content: `${place}${(n % 97) + 1}号附近${problem}，已经持续多日，请尽快处理。编号${runTag}-${n}`,
    address: `${place}${(n % 97) + 1}号`,
  };
}

export interface Burst {
  sent: number;
  /** Tracking codes of the appeals answered 2xx: each of these MUST be found later. */
  acknowledged: string[];
  /** HTTP answers other than 2xx, by status. */
  statuses: Record<string, number>;
  /** Error codes of those answers ({"error":{"code"}}), by code. */
  codes: Record<string, number>;
  /** Requests that got no answer (connection refused or cut by the kill). */
  noAnswer: number;
}

/**
 * Sends `count` appeals over `connections` concurrent loops. `onAck` sees the running number
 * of acknowledgements (the fault bench kills the server from there).
 */
export async function sendAppeals(options: { url: string; count: number; connections: number; first: number; runTag: string; onAck?: (acks: number) => void }): Promise<Burst> {
  const burst: Burst = { sent: 0, acknowledged: [], statuses: {}, codes: {}, noAnswer: 0 };
  let next = 0;
  const loop = async (): Promise<void> => {
    while (next < options.count) {
      const n = options.first + next++;
      burst.sent++;
      let res: Response;
      try {
        res = await fetch(`${options.url}/api/v1/public/appeals`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(appealBody(n, options.runTag)),
          signal: AbortSignal.timeout(30_000),
        });
      } catch {
        burst.noAnswer++;
        continue;
      }
      const text = await res.text().catch(() => '');
      if (res.status >= 200 && res.status < 300) {
        const code = (JSON.parse(text) as { trackingCode?: string }).trackingCode;
        if (typeof code !== 'string') throw new Error(`2xx without a tracking code: ${text.slice(0, 200)}`);
        burst.acknowledged.push(code);
        options.onAck?.(burst.acknowledged.length);
      } else {
        burst.statuses[res.status] = (burst.statuses[res.status] ?? 0) + 1;
        let errorCode = 'none';
        try {
          errorCode = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? 'none';
        } catch {
          // not JSON
        }
        burst.codes[errorCode] = (burst.codes[errorCode] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, loop));
  return burst;
}

/** Looks every tracking code up; answers the codes not found (anything but 200). */
export async function findMissing(url: string, codes: readonly string[], connections = 8): Promise<string[]> {
  const missing: string[] = [];
  let next = 0;
  const loop = async (): Promise<void> => {
    while (next < codes.length) {
      const code = codes[next++] ?? '';
      const res = await fetch(`${url}/api/v1/public/appeals/${encodeURIComponent(code)}`, { signal: AbortSignal.timeout(30_000) });
      await res.arrayBuffer();
      if (res.status !== 200) missing.push(code);
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  return missing;
}
