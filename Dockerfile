# syntax=docker/dockerfile:1
# EXQRESS in containers (not built on the machines this repo is developed on: they have no
# Docker engine; tests/unit/container-files.test.ts parses this file and the compose file).
#   docker build -t exqress .                   the app: Next.js's standalone server, non-root
#   docker build -t exqress-tools --target tools .   migrations (`npm run db:migrate`), purge
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# patch-package runs after the install (postinstall) and applies patches/.
COPY patches ./patches
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
# NEXT_OUTPUT=standalone: only image builds trace the standalone server (see next.config.js).
ENV NEXT_TELEMETRY_DISABLED=1 NEXT_OUTPUT=standalone NODE_ENV=production
RUN npm run build

# The whole project with its tools, for the migration Job and the purge CronJob.
FROM build AS tools
USER node
CMD ["npm", "run", "db:migrate"]

FROM ${NODE_IMAGE} AS runner
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0 \
    NEXT_MANUAL_SIG_HANDLE=true SHUTDOWN_DRAIN_MS=5000
COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
COPY --from=build --chown=node:node /app/public ./public
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM reaches node directly (exec form): readiness turns 503, requests finish, then it exits.
STOPSIGNAL SIGTERM
# A larger young generation for page rendering (SERVER_NODE_FLAGS in scripts/services/next-server.ts).
CMD ["node", "--max-semi-space-size=64", "server.js"]
