import { formatMessage, messageTableProblems } from "@portvakt/contracts";
import { selfServiceMessages } from "@portvakt/maskinporten-rules";
import { expect, it } from "vitest";
import { explainHttpStatusCoded } from "./errors";

it("every self-service refusal has a valid text in nb, nn and en", () => {
  expect(messageTableProblems(selfServiceMessages)).toEqual([]);
});

it("the 409 travels as a code, with Digdir's own words as a parameter", () => {
  const explained = explainHttpStatusCoded(409, { status: 409, error_description: "scope exists" });
  expect(explained.code).toBe("upstream.409");
  expect(explained.detail).toMatch(
    /^409 Conflict: the thing is in the wrong state .* Digdir said: "scope exists"\.$/,
  );
  const nn = formatMessage(selfServiceMessages.nn["upstream.409"], "nn", explained.params);
  expect(nn).toMatch(
    /^409 Conflict: det du vil endre, er i feil tilstand .* Digdir sa: «scope exists»\.$/,
  );
  expect(explainHttpStatusCoded(409).detail).not.toContain("Digdir said");
});
