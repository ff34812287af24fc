import { defineProject } from "vitest/config";

// The test files share one module graph per worker (no fresh import of every module per file):
// these tests keep no state in modules between files, and the start-up was most of their time
// (A/B of the pure packages and the web's unit tests, idle machine: 24.0 s isolated, 15.6 s not).
export default defineProject({
  test: { isolate: false },
});
