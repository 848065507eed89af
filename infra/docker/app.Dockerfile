# syntax=docker/dockerfile:1
# One image pattern for every Nx app of the store. Build with the repository root as context:
#   docker build -f infra/docker/app.Dockerfile --build-arg APP=gateway -t gaara/gateway .
# APP is the folder under apps/ (gateway, catalog, invoice, payment, notification, aggregator); the Nx
# project is @gaara/$APP and its build writes apps/$APP/dist/main.js.

ARG NODE_IMAGE=node:24-bookworm-slim

# ── build: install the whole workspace from the lockfile, build the app and the libs it uses ──────────
FROM ${NODE_IMAGE} AS build
ARG APP
RUN test -n "${APP}" || { echo "build arg APP is required, e.g. --build-arg APP=gateway" >&2; exit 1; }
WORKDIR /repo
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false CI=true
COPY . .
RUN npm ci --no-audit --no-fund --loglevel=error
RUN npx nx run "@gaara/${APP}:build" --output-style=static \
  && test -f "apps/${APP}/dist/main.js" \
  || { echo "apps/${APP}/dist/main.js was not built" >&2; exit 1; }
# Keep only what runs: production dependencies (workspace links to libs/* stay).
RUN npm prune --omit=dev --no-audit --no-fund --loglevel=error

# ── runtime: node, production node_modules, built libs and the one app ──────────────────────────────
FROM ${NODE_IMAGE} AS runtime
ARG APP
ENV NODE_ENV=production GAARA_APP=${APP}
WORKDIR /app
COPY --from=build --chown=node:node /repo/package.json /repo/package-lock.json ./
COPY --from=build --chown=node:node /repo/node_modules ./node_modules
# Workspace packages resolve through node_modules/@gaara/* links to libs/*/dist (package.json exports).
COPY --from=build --chown=node:node /repo/libs ./libs
COPY --from=build --chown=node:node /repo/apps/${APP} ./apps/${APP}
USER node
# exec: node is PID 1's only child-free process and receives SIGTERM for its graceful shutdown.
CMD ["sh", "-c", "exec node --enable-source-maps \"apps/${GAARA_APP}/dist/main.js\""]
