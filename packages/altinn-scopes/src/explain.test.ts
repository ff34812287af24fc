import {
  formatMessage,
  type Lang,
  messageParamsOf,
  messageTableProblems,
} from "@portvakt/contracts";
import { describe, expect, it } from "vitest";
import { authorize } from "./authorize";
import { explainDecision } from "./explain";
import { altinnMessages } from "./messages";
import { resolveApiScopes } from "./resolve";

const config = resolveApiScopes({
  id: "ttd/skjema",
  apiScopes: { users: { read: "ttd:[app].r", write: "ttd:[app].w" } },
});
const GUID = "0fc98a23-fe80-4d7b-b4e6-9f4a1b3c2d10";
const render = (coded: { code: string; params?: Record<string, string | number> }, lang: Lang) =>
  formatMessage((altinnMessages[lang] as Record<string, string>)[coded.code]!, lang, coded.params);

describe("explainDecision: which rule decided, in nb, nn and en", () => {
  const cases = [
    {
      rule: 1,
      request: {
        path: `/ttd/skjema/instances/1/${GUID}/payment/nets-webhook-listener`,
        method: "POST",
      },
    },
    { rule: 2, request: { claims: { "urn:altinn:org": "ttd" } } },
    { rule: 4, request: { tokenScopes: "ttd:skjema.w" } },
    { rule: 5, request: { config: resolveApiScopes({ id: "a/b/c" }) } },
    { rule: 0, request: { config: resolveApiScopes({ id: "ttd/skjema" }) } },
  ] as const;
  for (const { rule, request } of cases) {
    it(`names rule ${rule} and renders in every language`, () => {
      const decision = authorize({
        method: "GET",
        path: `/ttd/skjema/instances/1/${GUID}`,
        config,
        ...request,
      });
      expect(decision.rule).toBe(rule);
      const explanation = explainDecision(decision);
      expect(explanation.rule.code).toBe(`altinn.rule.${rule}`);
      for (const lang of ["nb", "nn", "en"] as const) {
        for (const line of [explanation.rule, explanation.headline, ...explanation.trail]) {
          const template = (altinnMessages[lang] as Record<string, string>)[line.code]!;
          const text = render(line, lang);
          for (const name of messageParamsOf(template)) expect(text).not.toContain(`{${name}}`);
          expect(text.length).toBeGreaterThan(5);
        }
      }
      expect(render(explanation.headline, "en")).toBe(explanation.headline.detail);
    });
  }

  it("tells the 403's message trail: key, language, text, content type", () => {
    const decision = authorize({
      method: "GET",
      path: `/ttd/skjema/instances/1/${GUID}`,
      config,
      tokenScopes: "",
      caller: "user",
      profileLanguage: "en",
      textResources: {
        nb: { resources: [{ id: "authorization.scopes.insufficient", value: "Nei" }] },
      },
    });
    const trail = explainDecision(decision).trail.map((line) => line.code);
    expect(trail).toEqual([
      "altinn.caller.user",
      "altinn.caller.scopes",
      "altinn.endpoint.instance-parameter",
      "altinn.message.key-default",
      "altinn.message.language",
      "altinn.message.language-fallback",
      "altinn.message.found",
      "altinn.message.content-type",
    ]);
    expect(render(explainDecision(decision).headline, "nn")).toBe(
      "Avvist med 403: tokenet har ingen av ttd:skjema.r, altinn:portal/enduser",
    );
  });

  it("the table is sound: every code in nb, nn and en with the same parameters", () => {
    expect(messageTableProblems(altinnMessages)).toEqual([]);
  });
});
