import { describe, expect, it } from "vitest";
import { ApiProblem } from "../../lib/api-client";
import { fieldOfPath, serverFieldErrors } from "./server-errors";

const problem = (errors: ApiProblem["errors"]) =>
  new ApiProblem({ type: "about:blank", title: "Bad Request", status: 400, errors });

describe("server field errors", () => {
  const fields = ["client_name", "description", "scopes", "description#nb"] as const;

  it("puts the 409 'scope exists' on subscope, with its code and parameters", () => {
    const placed = serverFieldErrors(
      problem([
        {
          field: "subscope",
          message: "digdir:x exists",
          code: "problem.field.scope-exists",
          params: { name: "digdir:x" },
        },
      ]),
      ["prefix", "subscope", "description"],
    );
    expect(placed.onFields).toEqual({
      subscope: {
        detail: "digdir:x exists",
        code: "problem.field.scope-exists",
        params: { name: "digdir:x" },
      },
    });
    expect(placed.rest).toEqual([]);
    expect(placed.placedPaths).toEqual(["subscope"]);
  });

  it("maps an array item (zod's `scopes.2`, Digdir's `scopes[2]`) to its array field", () => {
    expect(fieldOfPath("scopes.2", fields)).toBe("scopes");
    expect(fieldOfPath("scopes[2]", fields)).toBe("scopes");
    expect(fieldOfPath("body.client_name", fields)).toBe("client_name");
    expect(fieldOfPath("description#nb", fields)).toBe("description#nb");
    expect(fieldOfPath("description#en", fields)).toBeUndefined();
    expect(fieldOfPath("descriptions", fields)).toBeUndefined();
  });

  it("keeps errors of unknown fields and without a field for the panel, first error wins", () => {
    const placed = serverFieldErrors(
      problem([
        { field: "scopes.1", message: "first" },
        { field: "scopes.0", message: "second" },
        { field: "jwks", message: "not ours" },
        { message: "no field" },
      ]),
      fields,
    );
    expect(placed.onFields).toEqual({ scopes: { detail: "first" } });
    expect(placed.rest.map((e) => e.message)).toEqual(["not ours", "no field"]);
    expect(placed.placedPaths).toEqual(["scopes.1", "scopes.0"]);
  });

  it("renames a server path the form calls otherwise", () => {
    const placed = serverFieldErrors(
      problem([{ field: "name", message: "taken" }]),
      fields,
      (path) => (path === "name" ? "client_name" : path),
    );
    expect(Object.keys(placed.onFields)).toEqual(["client_name"]);
  });

  it("gives nothing for a problem without field errors", () => {
    expect(serverFieldErrors(problem([]), fields)).toEqual({
      onFields: {},
      rest: [],
      placedPaths: [],
    });
  });
});
