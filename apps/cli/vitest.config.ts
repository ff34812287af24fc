import { defineProject } from "vitest/config";

// The tests run the built binary, as a user would: build it once before any test file runs.
export default defineProject({
  test: {
    globalSetup: ["./src/testing/build-cli.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
