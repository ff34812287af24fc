import { readScope } from "@portvakt/contracts";
import { describe, expect, it } from "vitest";
import { updateBodyOf, valuesOf } from "./scope-form-values";

// A scope as Digdir may answer it, with values Portvakt does not know (an enum value added after
// the 2025 OpenAPI): the read sets them aside and names them (portvakt_warnings), and an edit of
// another field must not replace them with the form's defaults.
const answered = {
  name: "digdir:ny",
  prefix: "digdir",
  subscope: "ny",
  description: "Gammel tekst",
  visibility: "RESTRICTED",
  allowed_integration_types: ["maskinporten", "brand_new_type"],
  token_type: "JWE",
  "description#en": "Old text",
};

describe("the scope edit form's update body", () => {
  const scope = readScope(answered);
  if (!scope) throw new Error("the recorded scope must be readable");
  const initial = valuesOf(scope);

  it("sends only what the person changed: unknown values are left for Digdir to keep", () => {
    expect(scope.portvakt_warnings?.map((w) => w.field).sort()).toEqual([
      "allowed_integration_types",
      "token_type",
      "visibility",
    ]);
    expect(updateBodyOf({ ...initial, description: "Ny tekst" }, initial)).toEqual({
      description: "Ny tekst",
    });
  });

  it("sends a field the person did change, and a language variant emptied as cleared", () => {
    expect(
      updateBodyOf(
        { ...initial, visibility: "PRIVATE", "description#en": "", at_max_age: "60" },
        initial,
      ),
    ).toEqual({ visibility: "PRIVATE", "description#en": "", at_max_age: 60 });
  });
});
