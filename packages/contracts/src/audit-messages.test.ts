import { describe, expect, it } from "vitest";
import { auditMessages } from "./audit-messages";
import { coded, formatMessage, messageTableProblems } from "./messages";

describe("audit messages", () => {
  it("have a valid text in nb, nn and en for every code, with the same parameters", () => {
    expect(messageTableProblems(auditMessages)).toEqual([]);
  });

  it("keep the English detail API clients and the CLI read as it was before codes", () => {
    expect(coded(auditMessages, "audit.rate-limited").detail).toBe("Too many changes in a minute");
    expect(coded(auditMessages, "audit.follow-up.made", { seconds: 12 }).detail).toBe(
      "Follow-up of an unknown outcome: a re-read 12 s later shows the change was made",
    );
    expect(coded(auditMessages, "audit.recovered", { why: "http", status: 503 }).detail).toBe(
      "Digdir's answer was lost (HTTP 503); a re-read showed the change was made",
    );
    expect(
      coded(auditMessages, "audit.bulk.summary", {
        cancelled: "yes",
        done: 1,
        total: 3,
        failed: 1,
        unknown: 0,
        skipped: 1,
      }).detail,
    ).toBe("Cancelled. 1 of 3 done, 1 failed, 0 unknown, 1 cancelled");
  });

  it("say it in Norwegian, not in English", () => {
    expect(formatMessage(auditMessages.nb["audit.rate-limited"], "nb")).toBe(
      "For mange endringer på ett minutt",
    );
    expect(formatMessage(auditMessages.nn["audit.recovered"], "nn", { why: "timeout" })).toBe(
      "Svaret frå Digdir gjekk tapt (tidsavbrot); ei ny lesing viste at endringa vart gjord",
    );
  });

  it('name targets with plurals in each language (no "1 consumers")', () => {
    const bulk = (lang: "nb" | "nn" | "en", count: number) =>
      formatMessage(auditMessages[lang]["audit.target.bulk"], lang, { scope: "d:x", count });
    expect(bulk("en", 1)).toBe("d:x → 1 consumer");
    expect(bulk("en", 3)).toBe("d:x → 3 consumers");
    expect(bulk("nb", 1)).toBe("d:x → 1 konsument");
    expect(bulk("nb", 3)).toBe("d:x → 3 konsumenter");
    expect(bulk("nn", 3)).toBe("d:x → 3 konsumentar");
    expect(
      formatMessage(auditMessages.nn["audit.target.config"], "nn", {
        env: "prod",
        what: "promotion",
        from: "test",
        fingerprint: "abc",
      }),
    ).toBe("prod (promotering frå test, plan abc)");
    // The English of a target part is what the `target` column always said.
    expect(coded(auditMessages, "audit.target.client", { id: "42" }).detail).toBe("client 42");
    expect(coded(auditMessages, "audit.target.grant", { scope: "d:x", orgno: "1" }).detail).toBe(
      "d:x → 1",
    );
  });
});
