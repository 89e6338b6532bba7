import type { KeptCity } from './keep.js';

export async function runCityBench(_kept: KeptCity, _o: { runs: number; log: (m: string) => void }): Promise<{ table: Record<string, unknown> }> {
  return { table: {} };
}
