# Egress Lens: the Next.js standalone server on Node 20.
#
#   docker build -t egress-lens:0.1.0 --build-arg REVISION="$(git rev-parse HEAD)" .
#   docker run --rm -p 3000:3000 -e PROMETHEUS_URL=http://prometheus:9090 egress-lens:0.1.0
#
# Nothing about the backend is baked in: PROMETHEUS_URL and any credential come
# from the environment (or a mounted token file) at run time; see .env.example
# and deploy/kubernetes. deploy/checks/dockerfile.test.ts asserts the
# properties reviewers rely on (non-root numeric USER, only the standalone
# output in the final stage, no credentials in ENV/ARG).

ARG NODE_IMAGE=node:20-bookworm-slim

# ── build: full install (dev dependencies build the app), then `next build` and
# scripts/standalone.mjs, which copies .next/static and public/ into
# .next/standalone so that directory serves everything by itself.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# ── runtime: the standalone output only (server.js, the traced node_modules,
# .next/server, .next/static); no npm install, no sources, no dev tools.
FROM ${NODE_IMAGE} AS runtime
ARG VERSION=0.1.0
ARG REVISION=unknown
LABEL org.opencontainers.image.title="Egress Lens" \
      org.opencontainers.image.description="Istio egress observability: passthrough, blocked and registered outbound traffic from Prometheus metrics" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.base.name="node:20-bookworm-slim"
# HOSTNAME is what Next's standalone server listens on; container runtimes set
# it to the container or pod name, so it is pinned to every interface here.
# MALLOC_MMAP_THRESHOLD_ keeps glibc giving freed buffers back to the system
# (lib/runtime/malloc.ts: ~40 MB less RSS after a burst).
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    MALLOC_MMAP_THRESHOLD_=131072
WORKDIR /app
# Files stay owned by root and read-only to the app user: the server cannot
# rewrite its own code, with or without a read-only root filesystem.
COPY --from=build /app/.next/standalone ./
# 65532 (the distroless "nonroot" id): numeric so Kubernetes can verify
# runAsNonRoot; no account, home or shell in the image; not 1000, the id of
# the first human user on many hosts and of many other images' users.
USER 65532:65532
EXPOSE 3000
# For `docker run`; Kubernetes uses the Deployment's probes instead.
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/livez').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Next's server handles SIGTERM itself (closes the server, exits 143), so node
# can run as PID 1 without an init.
CMD ["node", "server.js"]
