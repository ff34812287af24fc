import { Client } from "@portvakt/contracts";
import { describe, expect, it } from "vitest";
import { updateBodyOf, valuesOf } from "./client-form-page";

// A sparse client as Digdir answers it (`ClientResponse` of the 2025 OpenAPI: every field
// optional; the replay server's `replay-sparse`): renaming it must not send an empty description
// (which the update's rules refuse) nor replace its scopes.
describe("the client edit form's update body", () => {
  const sparse = Client.parse({ client_id: "replay-sparse", client_name: "Sparsom" });
  const initial = valuesOf(sparse);

  it("sends only what the person changed", () => {
    expect(updateBodyOf({ ...initial, client_name: "Nytt navn" }, initial)).toEqual({
      client_name: "Nytt navn",
    });
  });
  it("sends a changed scope list and lifetime", () => {
    expect(
      updateBodyOf({ ...initial, scopes: ["digdir:a"], access_token_lifetime: "60" }, initial),
    ).toEqual({ scopes: ["digdir:a"], access_token_lifetime: 60 });
  });
});
