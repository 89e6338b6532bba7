/**
 * Small-cell suppression for open data (docs/open-data.md). A record's place (district) and
 * category, published with its dates, could single out a person when few cases share them: a
 * neighbour who knows "she called about a dog in X district in March" finds her record. So in
 * each month's file every district × category cell with fewer than `k` cases loses its place.
 *
 * Blanking one small cell alone is not enough when the blanked rows of a category could only
 * be in one district (the others are published): the complement gives it away. So within a
 * category, while the blanked pool holds fewer than `k` cases and a published cell remains, the
 * smallest published cell is blanked too (complementary suppression, as statistics offices do).
 */

/** k: the fewest cases a published district × category × month cell may hold. */
export const OPEN_DATA_MIN_CELL = 5;

export interface CellCount {
  /** District name; '' when the case has no district (a city-level unit, or not yet dispatched). */
  district: string;
  category: string;
  count: number;
}

export function cellKey(district: string, category: string): string {
  return `${district}\u0000${category}`;
}

/** The district × category cells whose rows must lose their place (keys from cellKey). */
export function suppressedCells(cells: readonly CellCount[], k: number = OPEN_DATA_MIN_CELL): Set<string> {
  const suppressed = new Set<string>();
  const byCategory = new Map<string, CellCount[]>();
  for (const cell of cells) {
    // Rows with no district show no place already; they are neither blanked nor a complement.
    if (cell.district === '' || cell.count <= 0) continue;
    const list = byCategory.get(cell.category) ?? [];
    list.push(cell);
    byCategory.set(cell.category, list);
  }
  for (const list of byCategory.values()) {
    const ascending = [...list].sort((a, b) => a.count - b.count || a.district.localeCompare(b.district));
    let pool = 0;
    let blanked = 0;
    for (const cell of ascending) {
      if (cell.count >= k) break;
      suppressed.add(cellKey(cell.district, cell.category));
      pool += cell.count;
      blanked += 1;
    }
    // Complement: a pool under k that other published cells could locate by subtraction.
    while (blanked > 0 && pool < k && blanked < ascending.length) {
      const next = ascending[blanked];
      if (!next) break;
      suppressed.add(cellKey(next.district, next.category));
      pool += next.count;
      blanked += 1;
    }
  }
  return suppressed;
}
