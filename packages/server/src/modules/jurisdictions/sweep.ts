/**
 * Does what is due of a worker's sweep city by city (`ids`: listJurisdictionIds, read once a
 * pass), one routed query each (ADR 0033), within a budget for the whole pass. Each city is first
 * offered an equal share; what the quiet ones left goes, in a second round, to the cities that
 * used all of theirs. So a storm's backlog in one city never holds up another city's due rows for
 * a pass, and a lone busy city still gets the whole budget (one city, as most deployments have:
 * one query, as before the loop).
 *
 * `step` takes up to `limit` due rows of one city and handles them before returning how many it
 * took; a handled row must no longer be due (claimed, settled, or lost to another worker), so the
 * second round's query finds the next ones.
 */
export async function sweepEachJurisdiction(
  ids: readonly string[],
  budget: number,
  step: (jurisdictionId: string, limit: number) => Promise<number>,
): Promise<void> {
  let left = budget;
  const share = Math.max(1, Math.ceil(budget / Math.max(1, ids.length)));
  const filled: string[] = [];
  for (const id of ids) {
    if (left <= 0) return;
    const limit = Math.min(share, left);
    const taken = await step(id, limit);
    left -= taken;
    if (taken >= limit) filled.push(id);
  }
  for (const id of filled) {
    if (left <= 0) return;
    left -= await step(id, left);
  }
}
