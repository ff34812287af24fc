import { defineProject } from "vitest/config";

// Integration tests start the simulator, the demo sign-in provider and the BFF, and sign in.
// Under `pnpm test:postgres` each worker gets a PostgreSQL database of its own (the setup file).
// The simulators' demo material (eight RSA keys) is made once per run and read by every file
// (apps/simulator/src/testing/demo-material-per-run.ts), not made again in each file; the BFF's
// entry point is bundled once per run for the tests that start it as a process of its own
// (src/testing/bff-bundle-per-run.ts), instead of each such process compiling it with tsx.
// The files of a worker share one module graph (`isolate: false`): each of 80 files imported the
// BFF's graph again. Whole Vitest run, old and new started at once on the loaded 2-core machine
// (2026-12-01): 557 s CPU, 19:47 wall, setup 315 s, import 611 s, three files failing on hook
// timeouts, before; 260 s CPU, 11:54 wall, setup 32 s, import 180 s, all passing, after (with
// the simulator project's same settings and the bundle below). What the files share is kept
// out of modules' state: each file starts its own stacks, servers and temporary folders, puts
// back what it changes in process.env or undici's global dispatcher, and the setup files run
// again before each file.
export default defineProject({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    isolate: false,
    globalSetup: [
      "../simulator/src/testing/demo-material-per-run.ts",
      "./src/testing/bff-bundle-per-run.ts",
    ],
    setupFiles: [
      "./src/testing/postgres-per-worker.ts",
      "../simulator/src/testing/demo-material-setup.ts",
    ],
  },
});
