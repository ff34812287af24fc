import { codedFromText, codedIssue } from "@portvakt/contracts";
import { describe, expect, it } from "vitest";
import { altinnMessages } from "./messages";
import {
  AltinnMetadataText,
  AltinnProvisionRequest,
  StartFromAppInput,
  TryRequestInput,
} from "./requests";

/** Each refused path with its code, as the web's form and the BFF's field errors see them. */
function codesOf(result: { success: boolean; error?: { issues: unknown[] } }) {
  if (result.success) return [];
  return (result.error?.issues ?? []).map((issue) => {
    const text = codedIssue(issue as Parameters<typeof codedIssue>[0]);
    return `${(issue as { path: PropertyKey[] }).path.join(".")} ${text.code}`;
  });
}

describe("StartFromAppInput (the Altinn page's start-from-an-app form)", () => {
  const good = {
    org: " digdir ",
    app: "soknad",
    prefix: "digdir",
    style: "placeholder",
    groups: ["users"],
  };
  it("takes a good input, trimmed", () => {
    expect(StartFromAppInput.parse(good)).toEqual({ ...good, org: "digdir" });
  });
  it("refuses each field with a code of its own", () => {
    const result = StartFromAppInput.safeParse({
      org: "",
      app: "mitt app",
      prefix: "Digdir",
      style: "placeholder",
      groups: [],
    });
    expect(codesOf(result)).toEqual([
      "org validation.too-small.string",
      "app altinn.generate.invalid-app",
      "prefix scope.prefix.chars",
      "groups validation.too-small.array",
    ]);
  });
  it("an empty app or prefix is 'must not be empty', not a naming rule", () => {
    const result = StartFromAppInput.safeParse({ ...good, app: "  ", prefix: "" });
    expect(codesOf(result)).toEqual([
      "app validation.too-small.string",
      "prefix validation.too-small.string",
    ]);
  });
});

describe("AltinnProvisionRequest (the BFF's body and the provision form's check)", () => {
  it("names a refused org number by its index, coded", () => {
    const result = AltinnProvisionRequest.safeParse({
      metadata: "{}",
      grantTo: ["889640782", "889640781"],
    });
    expect(codesOf(result)).toEqual(["grantTo.1 orgno.check-digit"]);
  });
  it("refuses an empty or too deeply nested metadata text with codes of altinnMessages", () => {
    expect(codesOf(AltinnMetadataText.safeParse(" \n"))).toEqual([
      " altinn.request.metadata-empty",
    ]);
    expect(codesOf(AltinnMetadataText.safeParse("[".repeat(100)))).toEqual([
      " altinn.request.metadata-too-deep",
    ]);
  });
});

describe("TryRequestInput (the try-a-request form, decided in the browser)", () => {
  const good = {
    caller: "user",
    method: "GET",
    path: "/ttd/app/instances",
    ownRoutes: "# own\nGET {org}/{app}/api/case/{instanceGuid}",
    source: "scopes",
    scopes: "altinn:instances.read",
    token: "not a token, but not used",
    language: "nb",
  };
  it("takes good input, and ignores the token while the scopes are the source", () => {
    expect(TryRequestInput.safeParse(good).success).toBe(true);
  });
  it("names the own-endpoint lines that are not METHOD route", () => {
    const result = TryRequestInput.safeParse({ ...good, ownRoutes: "GET /a\nnonsense\n\nx y z" });
    expect(codesOf(result)).toEqual(["ownRoutes altinn.endpoint.invalid-lines"]);
    const issue = result.error?.issues[0];
    expect(codedIssue(issue!).params).toEqual({ lines: "2, 4" });
    // The English reads back into its code (the web's `tm` does this for a field error).
    expect(codedFromText(issue!.message, [altinnMessages])).toMatchObject({
      code: "altinn.endpoint.invalid-lines",
      params: { lines: "2, 4" },
    });
  });
  it("refuses a pasted token it cannot read, on the token field, with the decoder's code", () => {
    const result = TryRequestInput.safeParse({ ...good, source: "token", token: "abc" });
    expect(codesOf(result)).toEqual(["token altinn.token.not-jwt"]);
  });
});
