# syntax=docker/dockerfile:1

# Build stage: compile with the dev dependencies, then keep only what runs.
FROM node:22-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# Scripts are skipped: `prepare` would compile before the sources are copied in.
RUN npm ci --ignore-scripts
COPY . .
# `npm pack` stages exactly the package.json "files" (bin, dist, schemas, data) and package.json;
# the pruned production node_modules is copied beside them.
RUN npm run build \
  && npm prune --omit=dev \
  && npm pack --ignore-scripts --pack-destination /tmp \
  && mkdir /app \
  && tar -xzf /tmp/lmi-controller-*.tgz -C /app --strip-components=1 \
  && cp -R node_modules /app/node_modules

# Runtime stage: Node 22, production dependencies only, files owned by root and read-only to the
# non-root user the controller runs as.
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app /app
RUN mkdir -p /manifests
USER 10001:10001
VOLUME ["/manifests"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form: node is PID 1 and receives SIGTERM itself, which `lmi run` handles.
ENTRYPOINT ["node", "/app/bin/lmi.js"]
CMD ["run", "/manifests"]
