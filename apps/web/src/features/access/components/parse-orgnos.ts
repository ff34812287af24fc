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
