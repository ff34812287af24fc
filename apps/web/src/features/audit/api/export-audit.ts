import { useMutation } from "@tanstack/react-query";
import { bff, send } from "../../../lib/api-client";
import { type AuditFilters, auditQuery } from "./get-audit";

export type AuditExportFormat = "csv" | "jsonl";

function filenameOf(disposition: string | null, format: AuditExportFormat): string {
  const match = disposition?.match(/filename="?([^";]+)"?/i);
  const name = match?.[1]?.replace(/[/\\]/g, "_");
  return name || `portvakt-audit.${format}`;
}

/**
 * Downloads the filtered log. A plain link cannot carry the `X-CSRF` header every API call
 * needs, so the file is fetched and handed to the browser as a blob.
 */
export async function exportAudit(filters: AuditFilters, format: AuditExportFormat) {
  const response = await bff.api.audit.export.$get({
    query: { ...auditQuery(filters), format },
  });
  // A refusal is a problem body: `send` turns it into the ApiProblem the UI shows.
  if (!response.ok) await send(Promise.resolve(response));
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filenameOf(response.headers.get("Content-Disposition"), format);
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { filename: link.download, bytes: blob.size };
}

export function useExportAudit() {
  return useMutation({
    mutationFn: ({ filters, format }: { filters: AuditFilters; format: AuditExportFormat }) =>
      exportAudit(filters, format),
  });
}
