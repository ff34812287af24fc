import { defineProject } from "vitest/config";

// Integration tests start the simulator, the demo sign-in provider and the BFF, and sign in.
// Under `pnpm test:postgres` each worker gets a PostgreSQL database of its own (the setup file).
// The simulators' demo material (eight RSA keys) is made once per run and read by every file
// (apps/simulator/src/testing/demo-material-per-run.ts), not made again in each file.
export default defineProject({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    globalSetup: ["../simulator/src/testing/demo-material-per-run.ts"],
    setupFiles: [
      "./src/testing/postgres-per-worker.ts",
      "../simulator/src/testing/demo-material-setup.ts",
    ],
  },
});
