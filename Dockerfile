# One image with the API and the web app (exported as static files the API serves). Build: docker build -t rollscope .
# Run:  docker run -p 127.0.0.1:3100:3100 -e ROLLSCOPE_TOKEN=$(openssl rand -hex 24) \
#         -v ~/.kube/config:/home/node/.kube/config:ro rollscope
# The dashboard listens on all interfaces inside the container, so Rollscope refuses to start without
# a token (ROLLSCOPE_TOKEN), --read-only or --allow-anonymous.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json turbo.json tsconfig.base.json ./
COPY packages/shared/package.json packages/shared/
COPY packages/demo-cluster/package.json packages/demo-cluster/
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY e2e/package.json e2e/
COPY bench/package.json bench/
RUN npm ci --no-audit --no-fund
COPY packages packages
COPY apps apps
COPY scripts scripts
RUN cd apps/web && npx next build

FROM node:20-bookworm-slim
ENV NODE_ENV=production
# As `npm start` sets it (scripts/start.mjs says why).
ENV MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 3100
# Pages and API share the one port. The node flags are `npm start`'s (scripts/start.mjs says why).
ENTRYPOINT ["node", "--max-semi-space-size=4", "scripts/start.mjs", "--web-host", "0.0.0.0", "--data-dir", "/home/node/.rollscope"]
