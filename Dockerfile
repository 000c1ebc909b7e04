# syntax=docker/dockerfile:1
# Waypoint production image: Next.js standalone server, non-root, plus the migration runner.

FROM node:24.21-bookworm-slim AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
ENV NEXT_OUTPUT=standalone
# The operator commands (migrate, retention purge, key rotation, audit verification) are bundled
# into single files; the embedded PostgreSQL they can start locally is left out (DATABASE_URL is set).
RUN npm run prisma:generate \
 && npx next build \
 && npx esbuild scripts/db-migrate.ts scripts/purge-closed.ts scripts/rotate-keys.ts scripts/verify-audit.ts scripts/bootstrap-users.ts \
      --bundle --platform=node --format=esm --target=node24 --conditions=react-server --alias:@=. \
      --external:embedded-postgres --external:async-exit-hook --external:@node-rs/argon2 \
      --outdir=dist --out-extension:.js=.mjs \
      --banner:js="import { createRequire } from 'module'; const require = createRequire(import.meta.url);"

FROM node:24.21-bookworm-slim AS runner
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
RUN groupadd --system --gid 10001 waypoint && useradd --system --uid 10001 --gid waypoint --no-create-home waypoint
COPY --from=build --chown=waypoint:waypoint /app/.next/standalone ./
COPY --from=build --chown=waypoint:waypoint /app/.next/static ./.next/static
COPY --from=build --chown=waypoint:waypoint /app/prisma/migrations ./prisma/migrations
COPY --from=build --chown=waypoint:waypoint /app/dist/*.mjs ./
USER waypoint
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]
# The heap limits keep an instance under 500 MB resident through the whole benchmark, up to 50
# simultaneous requests (npm run bench starts its server with the flags of this line). Raise them
# with the container's memory.
CMD ["node", "--max-old-space-size=256", "--max-semi-space-size=8", "server.js"]
