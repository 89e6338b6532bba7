/**
 * Whether the operator has typed into the new-case form now on screen. Answering a call replaces
 * that form with the call's own, so the screen-pop asks before throwing a typed draft away. The
 * form (a page) and the pop-up (the staff layout) are far apart in the tree and only the moment
 * of answering needs to know, so a module flag is enough; nothing re-renders on it.
 */
let typed = false;

/** Called by the new-case form: true on the operator's first edit, false when the form goes away. */
export function markIntakeDraft(value: boolean): void {
  typed = value;
}

export function hasIntakeDraft(): boolean {
  return typed;
}
