import { execFile } from "node:child_process";
import { createServer, type Server } from "node:net";
import { resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const servers: Server[] = [];
afterAll(() => {
  for (const server of servers) server.close();
});

function listen(): Promise<number> {
  return new Promise((done) => {
    const server = createServer();
    servers.push(server);
    server.listen(0, "127.0.0.1", () => done((server.address() as { port: number }).port));
  });
}
async function freePort(): Promise<number> {
  const port = await listen();
  await new Promise((done) => servers.pop()!.close(done));
  return port;
}
const isListening = (port: number) =>
  new Promise<boolean>((done) => {
    const probe = createServer();
    probe.once("error", () => done(true));
    probe.listen(port, "127.0.0.1", () => probe.close(() => done(false)));
  });

describe("pnpm dev", () => {
  it("stops at once, naming the port, when the BFF's port is taken, and starts no Vite", async () => {
    const taken = await listen();
    const webPort = await freePort();
    const started = Date.now();
    const result = await new Promise<{ code: number; stderr: string }>((done) => {
      execFile(
        process.execPath,
        ["scripts/dev.mjs"],
        { cwd: root, env: { ...process.env, BFF_PORT: String(taken), WEB_PORT: String(webPort) } },
        (error, _stdout, stderr) =>
          done({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stderr }),
      );
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`port ${taken} (the BFF): set BFF_PORT`);
    expect(result.stderr).not.toContain(`port ${webPort}`);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await isListening(webPort)).toBe(false);
  });
});
