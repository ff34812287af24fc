import { orgNumberProblem } from "@portvakt/contracts";

export type OrgnoEntry = {
  /** What the user wrote, for showing back. */
  raw: string;
  /** Digits only, as sent to the BFF. */
  orgno: string;
  problem: "invalid" | "duplicate" | null;
  /** The contracts' reason when invalid (English; translated where shown). */
  reason?: string;
  line: number;
};

/**
 * Reads org numbers from pasted text or a CSV file: one or many per line, separated by commas,
 * semicolons, tabs or whitespace. Spaces and dots inside a number ("889 640 782") are allowed.
 * Cells without any digit (a CSV header, a name column) are skipped, so a Brønnøysund export
 * can be pasted as it is.
 */
export function parseOrgnos(text: string): OrgnoEntry[] {
  return readOrgnos(text).entries;
}

/** The column a table's org numbers were read from (1-based), and how it was found. */
export type OrgnoColumn = { column: number; header?: string; by: "header" | "share" };

const HEADER =
  /^(org\.?\s*nr\.?|orgnr|orgno|org_?nummer|organisasjonsnummer|organi[sz]ation[\s_-]?(number|no))$/i;
const DELIMITERS = [";", "\t", ",", "|"] as const;
const clean = (cell: string) => cell.trim().replace(/^"|"$/g, "").trim();
const isOrgno = (cell: string) => orgNumberProblem(cell.replace(/[\s.]/g, "")) === null;

/**
 * Finds the org-number column of a table (a Brønnøysund export `orgnr;navn;postnummer;…`): by
 * its header, else the one column where most rows hold a valid org number (mod 11). Undefined
 * for a plain list, where every number is read (issue 14, defect 7: postcodes and dates of
 * other columns are not org numbers).
 */
export function orgnoColumnOf(
  text: string,
): (OrgnoColumn & { delimiter: string; skipFirst: boolean }) | undefined {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  if (lines.length < 2) return undefined;
  for (const delimiter of DELIMITERS) {
    const rows = lines.map((line) => line.split(delimiter).map(clean));
    const width = rows[0]!.length;
    if (width < 2 || rows.filter((row) => row.length === width).length < rows.length * 0.8)
      continue;
    const headerAt = rows[0]!.findIndex((cell) => HEADER.test(cell));
    if (headerAt >= 0) {
      return {
        column: headerAt + 1,
        header: rows[0]![headerAt],
        by: "header",
        delimiter,
        skipFirst: true,
      };
    }
    const skipFirst = !rows[0]!.some((cell) => /\d/.test(cell));
    const body = skipFirst ? rows.slice(1) : rows;
    const shares = Array.from({ length: width }, (_, i) =>
      body.length
        ? body.filter((row) => row[i] !== undefined && isOrgno(row[i]!)).length / body.length
        : 0,
    );
    const likely = shares.map((share, i) => [share, i] as const).filter(([share]) => share >= 0.5);
    // One column of org numbers among others: that is the column. Several: a list, read all.
    if (likely.length === 1) {
      return {
        column: likely[0]![1] + 1,
        ...(skipFirst ? { header: rows[0]![likely[0]![1]] } : {}),
        by: "share",
        delimiter,
        skipFirst,
      };
    }
    return undefined;
  }
  return undefined;
}

/** Entries of pasted text or a file, and the table column they came from, if it is a table. */
export function readOrgnos(text: string): { entries: OrgnoEntry[]; column?: OrgnoColumn } {
  const table = orgnoColumnOf(text);
  if (table) {
    const entries: OrgnoEntry[] = [];
    const seen = new Set<string>();
    text.split(/\r?\n/).forEach((lineText, index) => {
      if (lineText.trim() === "") return;
      if (table.skipFirst && index === text.split(/\r?\n/).findIndex((l) => l.trim() !== ""))
        return;
      const raw = clean(lineText.split(table.delimiter)[table.column - 1] ?? "");
      if (raw === "") return;
      const orgno = raw.replace(/[\s.]/g, "");
      const reason = orgNumberProblem(orgno);
      const problem: OrgnoEntry["problem"] = reason
        ? "invalid"
        : seen.has(orgno)
          ? "duplicate"
          : null;
      seen.add(orgno);
      entries.push({ raw, orgno, problem, reason: reason ?? undefined, line: index + 1 });
    });
    const { delimiter: _d, skipFirst: _s, ...column } = table;
    return { entries, column };
  }
  return { entries: readList(text) };
}

function readList(text: string): OrgnoEntry[] {
  const entries: OrgnoEntry[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((lineText, index) => {
    const cells = lineText.split(/[,;\t|]/);
    for (const cell of cells) {
      // "889 640 782" is one number, "889640782 974760673" two: split on runs of whitespace
      // only where the pieces are whole numbers on their own.
      const trimmed = cell.trim().replace(/^"|"$/g, "").trim();
      if (!/\d/.test(trimmed)) continue;
      const pieces = /^\d{9}(\s+\d{9})+$/.test(trimmed) ? trimmed.split(/\s+/) : [trimmed];
      for (const piece of pieces) {
        const orgno = piece.replace(/[\s.]/g, "");
        const reason = orgNumberProblem(orgno);
        let problem: OrgnoEntry["problem"] = null;
        if (reason) problem = "invalid";
        else if (seen.has(orgno)) problem = "duplicate";
        seen.add(orgno);
        entries.push({ raw: piece, orgno, problem, reason: reason ?? undefined, line: index + 1 });
      }
    }
  });
  return entries;
}
