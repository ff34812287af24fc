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
const isOrgno = (cell: string) => orgNumberProblem(cell.replace(/[\s.]/g, "")) === null;

/**
 * The cells of one CSV line split on `delimiter`, trimmed; a double-quoted cell is one cell
 * even with the delimiter inside (`"NAV, Oslo"`), and `""` inside it is a quote (RFC 4180).
 */
export function cellsOf(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted) {
      if (char !== '"') cell += char;
      else if (line[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (char === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (char === delimiter) {
      cells.push(cell.trim());
      cell = "";
    } else cell += char;
  }
  cells.push(cell.trim());
  return cells;
}

/** A table found in pasted text: its column, and which lines are its rows and its header. */
type Table = OrgnoColumn & { delimiter: string; width: number; headerLine?: number };

/**
 * Finds the org-number column of a table in the text (a Brønnøysund export
 * `orgnr;navn;postnummer;…`, also after numbers typed before it, since an upload is appended):
 * the table's rows are the lines with the most common number of cells (two or more); the column
 * is the one its first row names (`orgnr`, `organisasjonsnummer`, …), else the one column where
 * most rows hold a valid org number (mod 11). A single row without a header counts as a table
 * only if a cell holds letters (a name: a record, not a list like `889640782;12345678`).
 * Undefined for a plain list, where every number is read (issue 14, defect 7: postcodes and
 * dates of other columns are not org numbers).
 */
function tableOf(lines: readonly string[]): Table | undefined {
  for (const delimiter of DELIMITERS) {
    const rows = lines
      .map((line, index) => ({ index, cells: cellsOf(line, delimiter) }))
      .filter((row) => row.cells.length >= 2);
    if (rows.length === 0) continue;
    const counts = new Map<number, number>();
    for (const row of rows) counts.set(row.cells.length, (counts.get(row.cells.length) ?? 0) + 1);
    const width = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]![0];
    const table = rows.filter((row) => row.cells.length === width);
    const first = table[0]!;
    const headerAt = first.cells.findIndex((cell) => HEADER.test(cell));
    if (headerAt >= 0) {
      const header = first.cells[headerAt]!;
      return {
        column: headerAt + 1,
        header,
        by: "header",
        delimiter,
        width,
        headerLine: first.index,
      };
    }
    const hasHeader = !first.cells.some((cell) => /\d/.test(cell));
    const body = hasHeader ? table.slice(1) : table;
    if (body.length === 0) return undefined;
    if (body.length === 1 && !body[0]!.cells.some((cell) => /\p{L}/u.test(cell))) return undefined;
    const shares = Array.from(
      { length: width },
      (_, i) => body.filter((row) => isOrgno(row.cells[i]!)).length / body.length,
    );
    const likely = shares.map((share, i) => [share, i] as const).filter(([share]) => share >= 0.5);
    // One column of org numbers among others: that is the column. Several: a list, read all.
    if (likely.length !== 1) return undefined;
    const at = likely[0]![1];
    return {
      column: at + 1,
      ...(hasHeader ? { header: first.cells[at]!, headerLine: first.index } : {}),
      by: "share",
      delimiter,
      width,
    };
  }
  return undefined;
}

/**
 * Entries of pasted text or a file, and the table column they came from if the text holds a
 * table (`tableOf`): its rows give the cell of that column, every other line is read as a list
 * (numbers separated by commas, semicolons, tabs or white space). Duplicates are marked.
 */
export function readOrgnos(text: string): { entries: OrgnoEntry[]; column?: OrgnoColumn } {
  const lines = text.split(/\r?\n/);
  const table = tableOf(lines);
  const entries: OrgnoEntry[] = [];
  const seen = new Set<string>();
  const add = (raw: string, index: number) => {
    const orgno = raw.replace(/[\s.]/g, "");
    const reason = orgNumberProblem(orgno);
    const problem: OrgnoEntry["problem"] = reason
      ? "invalid"
      : seen.has(orgno)
        ? "duplicate"
        : null;
    seen.add(orgno);
    entries.push({ raw, orgno, problem, reason: reason ?? undefined, line: index + 1 });
  };
  lines.forEach((line, index) => {
    if (table && index === table.headerLine) return;
    const cells = table ? cellsOf(line, table.delimiter) : [];
    if (table && cells.length === table.width) {
      const raw = cells[table.column - 1]!;
      if (raw !== "") add(raw, index);
      return;
    }
    for (const raw of listNumbers(line)) add(raw, index);
  });
  if (!table) return { entries };
  const { delimiter: _d, width: _w, headerLine: _h, ...column } = table;
  return { entries, column };
}

/**
 * The numbers of one line of a list: cells split on commas, semicolons, tabs or bars; cells
 * without a digit (a header, a name) skipped. "889 640 782" is one number, "889640782
 * 974760673" two: a cell is split on white space only where the pieces are whole numbers.
 */
function listNumbers(line: string): string[] {
  return line.split(/[,;\t|]/).flatMap((cell) => {
    const trimmed = cell.trim().replace(/^"|"$/g, "").trim();
    if (!/\d/.test(trimmed)) return [];
    return /^\d{9}(\s+\d{9})+$/.test(trimmed) ? trimmed.split(/\s+/) : [trimmed];
  });
}
