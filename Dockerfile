# Portvakt BFF + web console. Build: docker build -t portvakt .
# The build stage runs scripts/build-image.sh, the same script the tests run, check and start as
# an unprivileged user with a read-only root (apps/bff/src/image.integration.test.ts).
# Node.js 24 LTS; pnpm exactly the version of package.json's packageManager.
FROM node:24-bookworm-slim AS build
RUN npm i -g pnpm@12.21.0
WORKDIR /src
# Dependencies first, from the lockfile alone: this layer is rebuilt only when the lockfile changes.
COPY pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
RUN pnpm fetch
COPY . .
RUN pnpm install --offline --frozen-lockfile && scripts/build-image.sh

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    WEB_DIST=/app/web \
    HOST=0.0.0.0 \
    PORT=7401 \
    PORTVAKT_CONFIG=/etc/portvakt/portvakt.json
WORKDIR /app
COPY --from=build --chown=root:root /src/dist/image/app /app
# Runs as an unprivileged user; the root filesystem can be read-only: the SQLite audit store
# (when DATABASE_URL is not set) is /var/lib/portvakt/portvakt.db, on a mounted volume.
RUN mkdir -p /var/lib/portvakt && chown node:node /var/lib/portvakt && chmod -R a-w /app
USER node
VOLUME ["/var/lib/portvakt"]
EXPOSE 7401
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=3s CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "server.mjs"]
