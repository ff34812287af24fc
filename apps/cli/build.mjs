// Bundles the CLI into one ESM file (dist/portvakt.mjs) that runs on plain Node ≥ 20, without
// the workspace's TypeScript sources or tsx.
import { chmodSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL(".", import.meta.url));

await build({
  entryPoints: [`${root}src/portvakt.ts`],
  outfile: `${root}dist/portvakt.mjs`,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
  legalComments: "none",
  // Bundled CommonJS dependencies (node-forge, x509) call require() for Node's modules; an ES
  // module has no require, so one is made for them.
  banner: {
    js: '#!/usr/bin/env node\nimport { createRequire as __portvaktCreateRequire } from "node:module";\nconst require = __portvaktCreateRequire(import.meta.url);',
  },
});

// Executable, so the file runs as `portvakt` once linked as a bin.
chmodSync(`${root}dist/portvakt.mjs`, 0o755);
