import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ClientInput } from "./client";
import { Jwk } from "./jwk";
import { formatMessage, messageTableProblems } from "./messages";
import { orgNumberProblem } from "./orgno";
import { ScopeInput } from "./scope";
import { subscopeProblem } from "./scope-name";
import { codedFromText, codedIssue, validationMessages } from "./validation-messages";

describe("validation messages", () => {
  it("have a valid text in nb, nn and en for every code", () => {
    expect(messageTableProblems(validationMessages)).toEqual([]);
  });

  it("read the contracts' own English back into codes and parameters", () => {
    expect(codedFromText(orgNumberProblem("123")!)?.code).toBe("orgno.length");
    expect(codedFromText(orgNumberProblem("889640781")!)?.code).toBe("orgno.check-digit");
    const chars = codedFromText(subscopeProblem("a b")!);
    expect(chars).toMatchObject({ code: "scope.subscope.chars", params: { found: " " } });
    expect(
      formatMessage(
        validationMessages.nn[chars!.code as "scope.subscope.chars"],
        "nn",
        chars!.params,
      ),
    ).toBe("Eit subscope har berre små bokstavar, siffer og / . : (fann « »)");
    expect(codedFromText("Something Digdir said")).toBeUndefined();
  });

  it("gives zod's own checks codes with their limits, not zod's English", () => {
    const scope = ScopeInput.safeParse({
      prefix: "digdir",
      subscope: "x",
      description: "d",
      at_max_age: -1,
    });
    const issue = scope.error!.issues.find((i) => i.path[0] === "at_max_age")!;
    expect(codedIssue(issue)).toEqual({
      code: "validation.too-small.number",
      params: { minimum: 0 },
      detail: "Must be at least 0",
    });
    const client = ClientInput.safeParse({ client_name: " ", description: "d", scopes: [] });
    expect(codedIssue(client.error!.issues[0]!).code).toBe("client.name.required");
    const ec = Jwk.safeParse({ kty: "EC", use: "sig", kid: "k", n: "AQAB", e: "AQAB" });
    expect(ec.error!.issues.map((i) => codedIssue(i).code)).toContain("jwk.kty");
    const small = Jwk.safeParse({
      kty: "RSA",
      use: "sig",
      alg: "RS256",
      kid: "k",
      n: "AQAB",
      e: "AQAB",
    });
    expect(codedIssue(small.error!.issues[0]!)).toMatchObject({
      code: "jwk.rsa.too-small",
      params: { bits: "17", min: "2048" },
    });
    const typed = z.object({ n: z.number() }).safeParse({ n: "x" });
    expect(codedIssue(typed.error!.issues[0]!)).toMatchObject({
      code: "validation.type",
      params: { expected: "number" },
    });
  });
});
