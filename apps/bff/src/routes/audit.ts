import { createRoute, z } from "@hono/zod-openapi";
import { type AuditEntry, AuditExportQuery, AuditFilters, AuditPage } from "@portvakt/contracts";
import type { Context } from "hono";
import type { BffEnv } from "../context";
import { codedProblem } from "../problem";
import { createRouter, jsonResponse, problemResponses } from "./openapi";

/** Entries of the environments where the person holds a role; other environments stay hidden. */
function collect(c: Context<BffEnv>, filters: AuditFilters) {
  const roles = c.get("session")?.roles ?? {};
  const envs = Object.keys(roles);
  if (envs.length === 0) {
    throw codedProblem(403, "problem.audit.no-role");
  }
  return c.get("audit").list({ ...filters, envs });
}

const CSV_COLUMNS = [
  "time",
  "person",
  "sub",
  "role",
  "env",
  "action",
  "target",
  "outcome",
  "status",
  "request_id",
  "correlation_id",
  "detail",
  "id",
  "follows",
] as const;

function csvCell(value: unknown): string {
  const text = value === undefined || value === null ? "" : String(value);
  // Cells that a spreadsheet would run as a formula are defused with a leading quote.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Entries read from the store at a time while an export streams. */
const EXPORT_PAGE = 1000;

/** CSV rows (CRLF-terminated) of `entries`, after the header row when `header`. */
function toCsv(entries: AuditEntry[], header: boolean): string {
  const rows = entries.map((e) =>
    [
      e.time,
      e.actor.name,
      e.actor.sub,
      e.role,
      e.env,
      e.action,
      e.target,
      e.outcome,
      e.status,
      e.requestId,
      e.correlationId,
      e.detail,
      e.id,
      e.follows,
    ]
      .map(csvCell)
      .join(","),
  );
  const lines = header ? [CSV_COLUMNS.join(","), ...rows] : rows;
  return lines.length ? `${lines.join("\r\n")}\r\n` : "";
}

export const auditRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/api/audit",
      tags: ["audit"],
      summary: "Audit entries, newest first, with filters and paging",
      request: { query: AuditFilters },
      responses: {
        200: jsonResponse(AuditPage, "A page of entries"),
        ...problemResponses,
      },
    }),
    async (c) => c.json(await collect(c, c.req.valid("query")), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/audit/export",
      tags: ["audit"],
      summary:
        "Every filtered entry, newest first, as CSV or JSON lines (streamed page by page, no cap)",
      request: {
        query: AuditExportQuery,
      },
      responses: {
        200: {
          description: "The export",
          content: {
            "text/csv": { schema: z.string() },
            "application/jsonl": { schema: z.string() },
          },
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { format, ...filters } = c.req.valid("query");
      // The first page is read before the answer starts, so a refusal is still a problem body.
      let page = await collect(c, { ...filters, limit: EXPORT_PAGE });
      const audit = c.get("audit");
      const envs = Object.keys(c.get("session")?.roles ?? {});
      const stamp = new Date().toISOString().slice(0, 10);
      c.header("Content-Disposition", `attachment; filename="portvakt-audit-${stamp}.${format}"`);
      c.header(
        "Content-Type",
        format === "csv" ? "text/csv; charset=utf-8" : "application/jsonl; charset=utf-8",
      );
      const encoder = new TextEncoder();
      let first = true;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const text =
            format === "csv"
              ? toCsv(page.entries, first)
              : page.entries.map((e) => `${JSON.stringify(e)}\n`).join("");
          first = false;
          if (text) controller.enqueue(encoder.encode(text));
          if (!page.next) {
            controller.close();
            return;
          }
          page = await audit.list({ ...filters, envs, limit: EXPORT_PAGE, after: page.next });
        },
      });
      return c.body(body, 200);
    },
  );
