#!/usr/bin/env bash
# Builds what the container image holds, into dist/image/app: the BFF bundled into one file,
# the built web app, and the production dependencies that cannot be bundled (libSQL's native
# binary), copied as `pnpm install --frozen-lockfile` installed them (scripts/image-deps.mjs):
# nothing resolved outside the lockfile, no @types, no binary for another libc. The Dockerfile
# runs this same script, and a test runs it and starts the result as the image would, so the
# image's contents are tested even where no container engine runs.
set -euo pipefail
cd "$(dirname "$0")/.."
out=dist/image/app
rm -rf dist/image && mkdir -p "$out"

pnpm --filter @portvakt/web build >/dev/null
cp -r apps/web/dist "$out/web"

# ESM bundle; CommonJS dependencies inside it still call require(), so give them one. The tests'
# control of a BFF process (PORTVAKT_TEST_CONTROL, src/testing/child-control.ts) is defined away,
# so the bundle does not hold it. pkcs11js (the optional PKCS#11 signer's native binding, loaded
# with a dynamic import) stays outside the bundle: esbuild cannot bundle its .node file.
pnpm --filter @portvakt/bff exec esbuild src/main.ts \
  --bundle --platform=node --target=node20.19 --format=esm --minify-syntax --legal-comments=none \
  --external:@libsql/client --external:libsql --external:pg-native --external:pkcs11js \
  --define:process.env.PORTVAKT_TEST_CONTROL=undefined \
  --banner:js="import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" \
  --outfile="../../$out/server.mjs" --log-level=warning

versions=$(node scripts/image-deps.mjs apps/bff "$out" @libsql/client)
node -e '
const [out, versions] = process.argv.slice(1);
const engines = require("./package.json").engines;
const manifest = { name: "portvakt-image", private: true, type: "module", engines, dependencies: JSON.parse(versions) };
require("node:fs").writeFileSync(out + "/package.json", JSON.stringify(manifest, null, 2) + "\n");
' "$out" "$versions"
echo "$out"
