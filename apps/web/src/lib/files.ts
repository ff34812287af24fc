export const MAX_UPLOAD_BYTES = 2_000_000;

/** Reads a user-chosen file as text; `null` when it is too large to be what we expect. */
export async function readTextFile(
  file: File,
  maxBytes = MAX_UPLOAD_BYTES,
): Promise<string | null> {
  if (file.size > maxBytes) return null;
  return await file.text();
}
