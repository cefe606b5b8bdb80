# syntax=docker/dockerfile:1.7
# Runsheet as one self-hosted container. See the README, "Deploy".
#   docker build -t runsheet .
#   docker build --secret id=actions_key,env=NEXT_SERVER_ACTIONS_ENCRYPTION_KEY -t runsheet .   (stable action ids)
# The build never touches a database; migrations run when the container starts.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Not `npm ci`: the lockfile omits other platforms' optional binaries, which npm ci refuses;
# `npm install` installs exactly the locked tree.
RUN npm install --no-audit --no-fund

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# A stable NEXT_SERVER_ACTIONS_ENCRYPTION_KEY at build time keeps server action ids (salted with
# it) and encrypted action arguments valid across rebuilds, so open tabs keep working after an
# upgrade. Optional; passed as a build secret so it stays out of the image history.
RUN --mount=type=secret,id=actions_key,required=false \
    if [ -s /run/secrets/actions_key ]; then export NEXT_SERVER_ACTIONS_ENCRYPTION_KEY="$(cat /run/secrets/actions_key)"; fi; \
    mkdir -p public \
    && npx next build \
    && node scripts/bundle-ops.mjs dist

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
# git: the manifest repository (README, "The manifest repository") is written with the git
# command; ca-certificates for https remotes. Nothing else is added to the image.
RUN apt-get update \
 && apt-get install -y --no-install-recommends git ca-certificates \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production PORT=3000 HOSTNAME=0.0.0.0 DATA_DIR=/data NEXT_TELEMETRY_DISABLED=1
# The app's files belong to root (the server cannot rewrite its own code); only the data volume
# and Next's cache directory are writable by the unprivileged user.
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
COPY --from=build /app/drizzle ./drizzle
COPY --from=build /app/dist ./dist
COPY scripts/docker-entrypoint.sh ./docker-entrypoint.sh
COPY scripts/healthcheck.mjs ./healthcheck.mjs
RUN mkdir -p /data /app/.next/cache && chown node:node /data /app/.next/cache
USER node
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD ["node", "/app/healthcheck.mjs"]
# Validates the environment, migrates, then `exec`s the server so it receives SIGTERM directly.
ENTRYPOINT ["sh", "/app/docker-entrypoint.sh"]
