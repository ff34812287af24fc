import { defineProject } from "vitest/config";

// Integration tests start the simulator, the demo sign-in provider and the BFF, and sign in.
export default defineProject({
  test: { testTimeout: 30_000, hookTimeout: 30_000 },
});
