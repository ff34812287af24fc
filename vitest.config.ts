import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Two test files at once. Vitest's default is one fewer than the cores, which is a single
    // worker on the 2-core CI machine, while most files spend their time waiting on servers,
    // child processes and timers, not computing. Every file starts its own stack on random ports
    // and its own temporary folders, so files share nothing. Under `pnpm test:postgres` each
    // worker has a database of its own (apps/bff/src/testing/postgres-per-worker.ts).
    // `--maxWorkers=N` on the command line overrides.
    maxWorkers: 2,
    projects: [
      "packages/*",
      "apps/*",
      // The repository's own promises: developer scripts, and the README matching the code.
      { test: { name: "repo", include: ["scripts/**/*.test.ts"], testTimeout: 30_000 } },
    ],
  },
});
