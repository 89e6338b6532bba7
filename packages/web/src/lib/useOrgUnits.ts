import { useEffect, useState } from 'react';
import { listOrgUnits, type OrgUnit } from '../api/org';
import { useStaffUser } from '../session/context';

/*
 * The units a user may see change rarely (an admin adds one), yet a case page asks for them in
 * several places: the dispatch picker, the timeline's unit names. One request per signed-in
 * user, shared by every component that needs them; keyed by user because the list is scoped.
 */
let shared: { userId: string; request: Promise<OrgUnit[]> } | null = null;

/** Forget the cached units, after an admin changed the tree. */
export function invalidateOrgUnits(): void {
  shared = null;
}

function unitsFor(userId: string): Promise<OrgUnit[]> {
  if (shared?.userId === userId) return shared.request;
  const request = listOrgUnits();
  const entry = { userId, request };
  shared = entry;
  // A failed request must not stay cached, or the page could never recover without a reload.
  request.catch(() => {
    if (shared === entry) shared = null;
  });
  return request;
}

export type OrgUnitsState =
  | { status: 'loading' }
  | { status: 'success'; units: OrgUnit[] }
  | { status: 'error'; error: unknown };

export function useOrgUnits(): OrgUnitsState & { reload: () => void } {
  const { id: userId } = useStaffUser();
  const [state, setState] = useState<OrgUnitsState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let active = true;
    unitsFor(userId).then(
      (units) => active && setState({ status: 'success', units }),
      (error: unknown) => active && setState({ status: 'error', error }),
    );
    return () => {
      active = false;
    };
  }, [userId, attempt]);
  return {
    ...state,
    reload: () => {
      invalidateOrgUnits();
      setAttempt((n) => n + 1);
    },
  };
}
