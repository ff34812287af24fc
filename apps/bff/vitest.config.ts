import { defineProject } from "vitest/config";

// Integration tests start the simulator, the demo sign-in provider and the BFF, and sign in.
// Under `pnpm test:postgres` each worker gets a PostgreSQL database of its own (the setup file).
export default defineProject({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    setupFiles: ["./src/testing/postgres-per-worker.ts"],
  },
});
