import { useQuery } from '@tanstack/react-query';
import { listOrgUnits } from '../org';
import { useStaffUser } from '../../session/context';

/*
 * The units a user may see change rarely (an admin adds one), yet a case page asks for them in
 * several places: the dispatch picker, the timeline's unit names. One query per signed-in user,
 * shared by every component that needs them; keyed by user because the list is scoped. A failed
 * request is not kept, so the page recovers on retry.
 */
export const orgUnitKeys = {
  all: ['org-units'] as const,
  forUser: (userId: string) => ['org-units', userId] as const,
};

export function useOrgUnits() {
  const { id: userId } = useStaffUser();
  return useQuery({ queryKey: orgUnitKeys.forUser(userId), queryFn: ({ signal }) => listOrgUnits(signal), staleTime: 5 * 60_000 });
}
