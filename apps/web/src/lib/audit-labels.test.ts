import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { STEP_KINDS } from "@portvakt/config-as-code/answer";
import { AUDIT_ACTIONS } from "@portvakt/contracts";
import { describe, expect, it } from "vitest";
import { ACTION_GROUPS, actionLabel } from "./audit-labels";
import { createFormatter, LANGS, type MessageKey } from "./i18n";
import { nb } from "./messages";
import { en } from "./messages.en";
import { nn } from "./messages.nn";

// Issue 14, defect 2: the audit page showed actions as raw keys (`altinn.provision.dry-run`).
// Every action the BFF can write (its list in @portvakt/contracts, one entry per config plan
// step kind as `config.apply.<kind>`, and every action literal in the BFF's source) has a label
// in nb, nn and en, and the audit filter offers it.
const catalogues = { nb, nn, en };
const root = join(import.meta.dirname, "../../../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) && !path.includes("/testing/")
      ? [path]
      : [];
  });
}

/**
 * The audit actions one BFF file writes: `audited("x")`, `changes(role, "x")`,
 * `checks("x")` and each dotted `action: "x"` (a bulk row's `action: "grant"` is no audit action).
 */
function actionsIn(text: string): string[] {
  const patterns = [
    /\baudited\(\s*"([^"]+)"/g,
    /\bchanges\(\s*"[a-z]+",\s*"([^"]+)"/g,
    /\bchecks\(\s*"([^"]+)"/g,
    /\baction:\s*"([a-z-]+(?:\.[a-z-]+)+)"/g,
  ];
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => m[1]!));
}

const written = sourceFiles(join(root, "apps/bff/src")).flatMap((path) =>
  actionsIn(readFileSync(path, "utf8")).map((action) => ({
    action,
    file: relative(root, path),
  })),
);
const recorded = [...AUDIT_ACTIONS, ...STEP_KINDS.map((kind) => `config.apply.${kind}`)];

describe("audit action labels", () => {
  it("reads the actions the BFF's source writes (the walk itself works)", () => {
    const actions = new Set(written.map((w) => w.action));
    for (const sample of ["scope.create", "access.grant", "altinn.provision.dry-run"]) {
      expect(actions).toContain(sample);
    }
  });

  it("every action written in the BFF's source is one the web app labels", () => {
    const unknown = written.filter((w) => !recorded.includes(w.action));
    expect(unknown).toEqual([]);
  });

  it.each(LANGS)("every action the BFF can record has a label in %s, never its key", (lang) => {
    const format = createFormatter(lang);
    const t = (key: MessageKey, params?: Record<string, string | number>) =>
      format(catalogues[lang][key], params);
    const unlabelled = recorded.filter((action) => {
      const label = actionLabel(t, action);
      // A label is words, not the key or one of its dotted parts ("dry-run", "apply.scope").
      return label.trim() === "" || label === action || /[a-z]\.[a-z]/.test(label);
    });
    expect(unlabelled).toEqual([]);
  });

  it("the three languages label each action differently from English where nb differs", () => {
    // A label copied from English into nb or nn (issue 14: "English inside the Norwegian UI").
    const copied = recorded.flatMap((action) => {
      const [nbLabel, nnLabel, enLabel] = (["nb", "nn", "en"] as const).map((lang) =>
        actionLabel(
          (key: MessageKey, params?: Record<string, string | number>) =>
            createFormatter(lang)(catalogues[lang][key], params),
          action,
        ),
      );
      return [
        ...(nbLabel === enLabel ? [`nb:${action}`] : []),
        ...(nnLabel === enLabel ? [`nn:${action}`] : []),
      ];
    });
    expect(copied).toEqual([]);
  });

  it("the audit filter offers every action, each in one group", () => {
    const offered = ACTION_GROUPS.flatMap((group) => group.actions as readonly string[]);
    expect([...offered].sort()).toEqual([...AUDIT_ACTIONS].sort());
  });
});
