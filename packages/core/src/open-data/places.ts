/** An org unit as the place rule sees it. */
export interface PlaceUnit {
  id: string;
  parentId: string | null;
  kind: string;
  name: string;
}

/**
 * The district each unit belongs to: the unit itself or its nearest ancestor of kind
 * `district` (a district's departments and streets sit under it); null for city-level units,
 * whose cases carry no place. The only place open data publishes (docs/open-data.md).
 */
export function districtsByUnit(units: readonly PlaceUnit[]): Map<string, string | null> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const result = new Map<string, string | null>();
  const resolve = (id: string, depth: number): string | null => {
    const known = result.get(id);
    if (known !== undefined) return known;
    const unit = byId.get(id);
    // The depth guard keeps a (corrupt) cycle from looping forever.
    if (!unit || depth > 64) return null;
    const district = unit.kind === 'district' ? unit.name : unit.parentId ? resolve(unit.parentId, depth + 1) : null;
    result.set(id, district);
    return district;
  };
  for (const u of units) resolve(u.id, 0);
  return result;
}
