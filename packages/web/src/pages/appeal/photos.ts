/** What the picker needs of a file (a File in the browser; plain objects in tests). */
export interface PickedFile {
  name: string;
  type: string;
  size: number;
}

export type PickProblem =
  | { key: 'attachments.notImage'; name: string }
  | { key: 'attachments.tooLarge'; name: string }
  | { key: 'attachments.tooMany' };

/**
 * The public form's courtesy checks before anything is sent (the server sniffs and limits
 * anyway): images only, each within the size limit, at most `count` in all. Files that pass are
 * kept in order up to the count; the first problem is reported so the citizen knows why a
 * photo did not appear.
 */
export function pickPhotos<F extends PickedFile>(current: readonly F[], picked: readonly F[], limits: { count: number; bytes: number }): { files: F[]; problem: PickProblem | null } {
  const isImage = (f: F) => f.type.startsWith('image/');
  const notImage = picked.find((f) => !isImage(f));
  const tooLarge = picked.find((f) => isImage(f) && f.size > limits.bytes);
  const accepted = picked.filter((f) => isImage(f) && f.size <= limits.bytes);
  const files = [...current, ...accepted].slice(0, limits.count);
  const problem: PickProblem | null = notImage
    ? { key: 'attachments.notImage', name: notImage.name }
    : tooLarge
      ? { key: 'attachments.tooLarge', name: tooLarge.name }
      : current.length + accepted.length > limits.count
        ? { key: 'attachments.tooMany' }
        : null;
  return { files, problem };
}
