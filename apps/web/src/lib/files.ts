export const MAX_UPLOAD_BYTES = 2_000_000;

/** Reads a user-chosen file as text; `null` when it is too large to be what we expect. */
export async function readTextFile(
  file: File,
  maxBytes = MAX_UPLOAD_BYTES,
): Promise<string | null> {
  if (file.size > maxBytes) return null;
  return await file.text();
}

/** Offers `text` as a file download, made in the browser (nothing is fetched). */
export function downloadText(fileName: string, text: string, type = "application/json") {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: Chromium may still be reading the blob when click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
