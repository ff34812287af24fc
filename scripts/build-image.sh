#!/usr/bin/env bash
# Builds what the container image holds, into dist/image/app: the BFF bundled into one file,
# the built web app, and the production dependencies that cannot be bundled (libSQL's native
# binary). The Dockerfile runs this same script, and a test runs it and starts the result, so
# the image's contents are tested even where no container engine runs.
set -euo pipefail
cd "$(dirname "$0")/.."
out=dist/image/app
rm -rf dist/image && mkdir -p "$out"

pnpm --filter @portvakt/web build >/dev/null
cp -r apps/web/dist "$out/web"

# ESM bundle; CommonJS dependencies inside it still call require(), so give them one.
pnpm --filter @portvakt/bff exec esbuild src/main.ts \
  --bundle --platform=node --target=node20 --format=esm --minify-syntax --legal-comments=none \
  --external:@libsql/client --external:libsql --external:pg-native \
  --banner:js="import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" \
  --outfile="../../$out/server.mjs" --log-level=warning

libsql_version=$(node -p "require('./apps/bff/node_modules/@libsql/client/package.json').version")
cat > "$out/package.json" <<JSON
{
  "name": "portvakt-image",
  "private": true,
  "type": "module",
  "engines": { "node": ">=20.19" },
  "dependencies": { "@libsql/client": "$libsql_version" }
}
JSON
(cd "$out" && npm install --omit=dev --no-package-lock --no-audit --no-fund --loglevel=error >/dev/null)
echo "$out"
