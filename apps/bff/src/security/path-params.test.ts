import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { BffEnv } from "../context";
import { toProblemResponse } from "../problem";
import { validatePathParams } from "./path-params";

const app = new Hono<BffEnv>();
validatePathParams(app);
app.all("/api/*", (c) => c.text("reached"));
app.onError((error, c) => toProblemResponse(error, c));

const status = async (path: string) =>
  (await app.request(path, { method: /\/scopes\/access\/\d/.test(path) ? "PUT" : "GET" })).status;

describe("path parameters", () => {
  it.each([
    "/api/envs/demo/clients/abc/keys/a%20b",
    "/api/envs/demo/clients/abc/keys/%00",
    `/api/envs/demo/clients/abc/keys/${"k".repeat(201)}`,
    "/api/envs/demo/clients/abc/jwks/%C3%BC",
    "/api/envs/demo/clients/a%0Ab",
    `/api/envs/demo/clients/${"c".repeat(101)}/jwks`,
    "/api/envs/demo/scopes/access/12345678",
    "/api/envs/demo/organizations/abc",
    "/api/envs/demo/x/%E2%80%8B",
    "/api/envs/demo/x/%ED%A0%80",
    "/api/envs/demo/x/a%2Fb",
  ])("refuses %s", async (path) => {
    expect(await status(path)).toBe(400);
  });

  it.each([
    "/api/envs/demo/clients/0f6bfe16-0d4c-4c38-9a5e-1f0d2b1d6b0a/keys/rotation-2026.01_a",
    "/api/envs/demo/scopes/access/974760673",
    "/api/envs/demo/scopes/access/all",
    "/api/envs/demo/organizations/991825827",
    "/api/audit",
  ])("lets %s through", async (path) => {
    expect(await status(path)).toBe(200);
  });
});
