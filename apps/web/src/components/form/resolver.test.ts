import { ClientInput, ScopeInput } from "@portvakt/contracts";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { codedMessage, contractResolver, formMessage, formText } from "./resolver";

const options = { fields: {}, shouldUseNativeValidation: false } as const;

type ClientValues = { client_name: string; description: string; lifetime: string };
const clientBody = (v: ClientValues) => ({
  client_name: v.client_name,
  description: v.description,
  scopes: [],
  ...(v.lifetime ? { access_token_lifetime: Number(v.lifetime) } : {}),
});

describe("contract resolver", () => {
  it("puts each contract error on the body field of the same name, coded", async () => {
    const resolve = contractResolver(ClientInput, clientBody);
    const result = await resolve(
      { client_name: " ", description: "ok", lifetime: "-5" },
      undefined,
      options,
    );
    expect(result.values).toEqual({});
    const errors = result.errors as Record<string, { message?: string } | undefined>;
    // The contracts' own text, and zod's own check as the coded English (not "Too small: …").
    expect(errors.client_name?.message).toBe("A client needs a name");
    expect(errors.access_token_lifetime?.message).toBe("Must be at least 0");
    expect(errors.description).toBeUndefined();
  });

  it("hands the submit the parsed body with the schema's defaults", async () => {
    const resolve = contractResolver(ClientInput, clientBody);
    const result = await resolve(
      { client_name: " Navn ", description: "d", lifetime: "" },
      undefined,
      options,
    );
    expect(result.errors).toEqual({});
    expect(result.values).toMatchObject({
      client_name: "Navn",
      integration_type: "maskinporten",
      scopes: [],
    });
  });

  it("names an item of an array by its index path", async () => {
    const resolve = contractResolver(ScopeInput, (v: { subscope: string }) => ({
      prefix: "digdir",
      subscope: v.subscope,
      description: "d",
      allowed_integration_types: ["maskinporten", "nope"],
    }));
    const result = await resolve({ subscope: "Feil" }, undefined, options);
    expect(result.errors.subscope?.message).toMatch(/capital|upper/i);
    expect(Object.keys(result.errors)).toContain("allowed_integration_types");
  });

  it("keeps the code and parameters of a plural text, which its English cannot give back", async () => {
    const resolve = contractResolver(
      z.object({ name: z.string().min(1), envs: z.array(z.string()).min(1) }),
      (v: { name: string; envs: string[] }) => v,
    );
    const result = await resolve({ name: "", envs: [] }, undefined, options);
    const errors = result.errors as Record<string, { message?: string } | undefined>;
    expect(errors.name?.message).toBe("Must not be empty");
    expect(codedMessage(errors.name!.message!)).toMatchObject({
      code: "validation.too-small.string",
      params: { minimum: 1 },
    });
    expect(codedMessage(errors.envs!.message!)).toMatchObject({
      code: "validation.too-small.array",
      params: { minimum: 1 },
    });
    expect(codedMessage("A client needs a name")).toBeUndefined();
  });
});

describe("formMessage", () => {
  it("keeps a form's own check as a catalogue key, not as a text of one language", async () => {
    const schema = z.object({
      kid: z.string().refine((kid) => kid !== "taken", {
        error: (issue) => formMessage("keys.duplicateKid", { kid: String(issue.input) }),
      }),
    });
    const resolve = contractResolver(schema, (v: { kid: string }) => v);
    const result = await resolve({ kid: "taken" }, undefined, options);
    const message = (result.errors as Record<string, { message?: string }>).kid?.message ?? "";
    expect(formText(message)).toEqual({ key: "keys.duplicateKid", vars: { kid: "taken" } });
    expect(formText(formMessage("keygen.storeFirst"))).toEqual({ key: "keygen.storeFirst" });
    expect(formText("Klienten har allerede en nøkkel med kid taken.")).toBeUndefined();
  });
});
