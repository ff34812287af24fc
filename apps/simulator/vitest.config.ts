import { defineProject } from "vitest/config";

// The simulator's test files start test-mode simulators: they read one demo material made per
// run (src/testing/demo-material-per-run.ts) instead of each file making its eight RSA keys.
// The files of a worker share one module graph (`isolate: false`): each file starts its own
// simulators with fresh state, and no file changes a module's state another file reads (the
// shared material is given again before each file by the setup file).
export default defineProject({
  test: {
    isolate: false,
    globalSetup: ["./src/testing/demo-material-per-run.ts"],
    setupFiles: ["./src/testing/demo-material-setup.ts"],
  },
});
