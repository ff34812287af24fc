import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { startTestStack } from "./testing/stack";

describe("a BFF whose port is taken", () => {
  it("fails to start with the address in the error, instead of an uncaught EADDRINUSE", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const { port } = taken.address() as { port: number };
    try {
      await expect(startTestStack({ port })).rejects.toThrow(
        new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}: .*EADDRINUSE`),
      );
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
