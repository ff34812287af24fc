import { messageTableProblems } from "@portvakt/contracts";
import { expect, it } from "vitest";
import { CODE_TABLES } from "./coded-messages";

it("every code the BFF and packages send has a valid text in nb, nn and en", () => {
  expect(CODE_TABLES.flatMap((table) => messageTableProblems(table))).toEqual([]);
});
