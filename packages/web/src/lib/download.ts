import { ApiError, errorOf, isAbortError } from '../api/client';

/**
 * Downloads a file the server streams (exports, reports) and hands it to the browser as a
 * download, with the server's file name. Refusals (a too-large export, an expired session) come
 * back as the ApiError a JSON call would throw, so the screen can explain them instead of
 * saving an error page as a file.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin' });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError(0, 'NETWORK_ERROR', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw await errorOf(response);
  const name = fileNameFromDisposition(response.headers.get('content-disposition')) ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has started saving by now; a later revoke leaves slow browsers time to read it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

/** The file name of a Content-Disposition header: RFC 5987's UTF-8 `filename*` first, else `filename`. */
export function fileNameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // A malformed escape: fall back to the plain name.
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;\s]+)/i.exec(header);
  return plain?.[1] ?? plain?.[2] ?? null;
}
