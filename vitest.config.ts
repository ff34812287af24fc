import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Two test files at once. Vitest's default is one fewer than the cores, which is a single
    // worker on the 2-core CI machine, while most files spend their time waiting on servers,
    // child processes and timers, not computing. Every file starts its own stack on random ports
    // and its own temporary folders, so files share nothing. `pnpm test:postgres` runs one at a
    // time: its files share one PostgreSQL database. `--maxWorkers=N` on the command line overrides.
    maxWorkers: 2,
    projects: [
      "packages/*",
      "apps/*",
      // The repository's own promises: developer scripts, and the README matching the code.
      { test: { name: "repo", include: ["scripts/**/*.test.ts"], testTimeout: 30_000 } },
    ],
  },
});
