import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { normalizePhone } from '@openline/core';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { suggestIntake, type IntakeCheckRequest, type RepeatContactRequest } from '../../../api/intake';
import { useDebounced } from '../../../lib/useDebounced';
import { knowledgeQuery } from './text';
import type { SuggestedUnit } from './UnitSuggestions';

/** Typing pauses this long before the console asks the server anything. */
export const ASSIST_DEBOUNCE_MS = 300;

interface AssistInput {
  content: string;
  selection: string;
  channel: string;
  callerPhone: string;
  callerName: string;
  address: string;
}

/**
 * The intake form's live assistance. Inputs are debounced, each change aborts the request in
 * flight, and TanStack Query keys each answer by its content, so typing is never held up and a
 * slow answer never overwrites a newer one. `onUrgent` fires when the content turns urgent.
 */
export function useIntakeAssist(input: AssistInput, onUrgent: () => void) {
  const content = useDebounced(input.content.trim(), ASSIST_DEBOUNCE_MS);
  const selection = useDebounced(input.selection, ASSIST_DEBOUNCE_MS);
  const phone = useDebounced(input.callerPhone.trim(), ASSIST_DEBOUNCE_MS);
  const address = useDebounced(input.address.trim(), ASSIST_DEBOUNCE_MS);
  const [unit, setUnit] = useState<SuggestedUnit | null>(null);

  // The last suggestion stays while the next loads; nothing is asked before content is typed.
  const suggestion = useQuery({
    queryKey: ['intake', 'suggest', content],
    queryFn: ({ signal }) => suggestIntake(content, signal),
    enabled: content !== '',
    placeholderData: content ? keepPreviousData : undefined,
  });

  // Pre-select "urgent" only when the suggestion becomes urgent, so the operator can set it back.
  const level = suggestion.data?.urgency.level ?? null;
  const lastLevel = useRef<string | null>(null);
  const onUrgentRef = useRef(onUrgent);
  useLayoutEffect(() => {
    onUrgentRef.current = onUrgent;
  });
  useEffect(() => {
    if (level === null) return;
    if (level === 'urgent' && lastLevel.current !== 'urgent') onUrgentRef.current();
    lastLevel.current = level;
  }, [level]);

  const validPhone = phone && normalizePhone(phone).ok ? phone : undefined;
  const check: IntakeCheckRequest = { content, callerPhone: validPhone, address: address || undefined };
  const contact: RepeatContactRequest | null = validPhone && input.content.trim()
    ? { channel: input.channel, callerPhone: validPhone, callerName: input.callerName.trim() || undefined, content: input.content.trim() }
    : null;

  return {
    suggestion,
    articleQuery: knowledgeQuery(content, selection),
    check,
    contact,
    unit,
    onUnit: setUnit,
  };
}
