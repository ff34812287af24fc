import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { LANGS } from "@portvakt/contracts";
import { beforeAll, describe, expect, it } from "vitest";
// Notices (webhook, chat, e-mail) are worded by the BFF itself in nb, nn and en, and checked by
// its own apps/bff/src/alerts/messages.test.ts: the web never shows them.
import { NOTICE_CODES } from "../../../bff/src/alerts/messages";
import { codeTemplate, loadCodeTables } from "./coded-messages";

// The code tables are a chunk of their own in the browser (coded-messages.ts): load them first.
beforeAll(() => loadCodeTables());

// Issue 14 #4: every problem the BFF sends carries a stable code (the BFF's `ProblemInit`
// requires one, so a problem without a code fails typecheck), and every code the BFF and the
// packages it passes texts from can emit has a text in nb, nn and en in the web catalogue. This
// walks their source for the codes written there, so a new refusal with a new code and no text,
// or a typo in a code, fails here.
const root = join(import.meta.dirname, "../../../..");
const SOURCES = ["apps/bff/src", "packages/config-as-code/src"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) && !path.includes("/testing/")
      ? [path]
      : [];
  });
}

/** The code literals of one file: `code: "x.y"`, `codedProblem(400, "x.y"`, `codedFieldError("f", "x.y"`. */
export function codesIn(text: string): string[] {
  const patterns = [
    /\bcode:\s*"([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+)"/g,
    /\bcodedProblem\(\s*[\d]+,\s*"([^"]+)"/g,
    /\bcodedFieldError\(\s*[^,]+,\s*"([^"]+)"/g,
    /\bcoded\(\s*\w+,\s*"([^"]+)"/g,
    /\{\s*code:\s*"([^"]+)"\s+as const/g,
    // What audit entries say (issue 14 #13): `auditText("audit.x", …)`, and each `"audit.x"`
    // literal (a code chosen by a condition), so every one has its texts too.
    /"(audit\.[a-z0-9-]+(?:\.[a-z0-9-]+)*)"/g,
    // Targets (`targetPart("audit.target.x", …)`, caught above), what a change request's
    // execution came to and a bulk job row's own outcome: every literal of these codes.
    /"((?:change-request\.result|bulk\.row)\.[a-z0-9-]+)"/g,
  ];
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => m[1]!));
}

const emitted = SOURCES.flatMap((dir) =>
  sourceFiles(join(root, dir)).flatMap((path) =>
    codesIn(readFileSync(path, "utf8"))
      .filter((code) => !(NOTICE_CODES as readonly string[]).includes(code))
      .map((code) => ({ code, file: relative(root, path) })),
  ),
);

describe("the codes the BFF emits", () => {
  it("finds the BFF's refusals (the walk itself works)", () => {
    const codes = new Set(emitted.map((e) => e.code));
    // A sample across kinds: own admin client, path params, pipeline tokens, bulk jobs, config.
    for (const code of [
      "problem.own-admin-client",
      "problem.path-param",
      "problem.field.client-id",
      "problem.tokens.refused",
      "problem.bulk.not-found",
      "problem.config.invalid-document",
      "problem.upstream",
      "problem.http",
      "audit.rate-limited",
      "audit.made-then-failed",
      "audit.follow-up.not-seen",
      "audit.change-request.execution",
      "audit.bulk.summary",
      "audit.target.grant",
      "audit.target.bulk",
      "audit.target.client",
      "audit.target.kid",
      "audit.target.change-request",
      "audit.target.token",
      "audit.target.altinn-app",
      "change-request.result.lost",
      "change-request.result.settled",
      "bulk.row.settled-after-restart",
    ]) {
      expect(codes, code).toContain(code);
    }
    expect(codes.size).toBeGreaterThan(40);
  });

  it("each has a text in nb, nn and en", () => {
    const missing = emitted.flatMap(({ code, file }) =>
      LANGS.filter((lang) => codeTemplate(code, lang) === undefined).map(
        (lang) => `${code} (${lang}) from ${file}`,
      ),
    );
    expect(missing).toEqual([]);
  });

  it("the walk would catch a code without text", () => {
    const [code] = codesIn('throw codedProblem(404, "problem.no-such-code-anywhere")');
    expect(code).toBe("problem.no-such-code-anywhere");
    expect(codeTemplate(code!, "nn")).toBeUndefined();
    expect(codesIn('auditText(ok ? "audit.no-such-code" : "audit.rate-limited")')).toEqual([
      "audit.no-such-code",
      "audit.rate-limited",
    ]);
    expect(codesIn('resultText("change-request.result.nope")')).toEqual([
      "change-request.result.nope",
    ]);
    expect(codeTemplate("change-request.result.nope", "nb")).toBeUndefined();
  });
});
