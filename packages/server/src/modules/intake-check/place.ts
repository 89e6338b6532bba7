import { parseAddress, type ParsedAddress } from '@openline/core';

/**
 * The place a text names, for contacts that come without an address (SMS, a web appeal whose
 * address box was left empty). Only a concrete anchor counts — a road number, or a community
 * with a building — so two bare texts such as 停电了 never look like "the same address" just
 * because they are equal, and a vague place can only make a match less likely, never more.
 */
export function placeFromText(text: string, jurisdictionNames: readonly string[]): ParsedAddress | null {
  const parsed = parseAddress(text, jurisdictionNames);
  const anchored = parsed.roadNumber !== null || (parsed.community !== null && parsed.building !== null);
  return anchored ? parsed : null;
}
