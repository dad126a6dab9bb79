# Clienteling image: compiled JavaScript (dist/, see scripts/build.mjs) and the built web app, run as a non-root user.
# One image, three roles (see "Running in production" in the README):
#   web:     node bin/clienteling.mjs serve --no-jobs
#   worker:  node bin/clienteling.mjs worker
#   migrate: node bin/clienteling.mjs migrate      (once per release, before the new web processes start)
# Build: docker build -t clienteling .

# --- build: everything the compiler and the web build need -------------------------------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Scripts off: `prepare` would build before the sources are copied; the build runs below.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
# Same commands as the README: `npm run build` (server, CLI, migrations into dist/) and `npm run build:web` (web/dist).
RUN npm run build && npm run build:web

# --- production dependencies only ---------------------------------------------------------------------------------
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --omit=dev --ignore-scripts && npm cache clean --force

# --- runtime ------------------------------------------------------------------------------------------------------
FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 CLIENTELING_DATA_DIR=/data
WORKDIR /app
# No src/ in the image: bin/clienteling.mjs then runs dist/ as built (it rebuilds only beside the sources).
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/package.json ./
COPY --from=build /app/bin ./bin
COPY --from=build /app/scripts/build.mjs ./scripts/build.mjs
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
# The node image's unprivileged user; /data is the PGlite directory when no DATABASE_URL is given.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "bin/clienteling.mjs"]
CMD ["serve"]
