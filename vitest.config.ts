import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      "packages/*",
      "apps/*",
      // The repository's own promises: developer scripts, and the README matching the code.
      { test: { name: "repo", include: ["scripts/**/*.test.ts"], testTimeout: 30_000 } },
    ],
  },
});
