# The image of the container jobs (GCP Cloud Run job, Azure Container Apps job): the compiled jobbench, run as
# `node bin/jobbench.js <command>`. Each job sets its command: `collect` (the scheduled collector) or `run`.
# Build from a clean clone: docker build -t jobbench . (the same lockfile gives the same dependencies).
FROM node:20.18.3-bookworm-slim

WORKDIR /app
RUN chown node:node /app
USER node

# The sources as the clone has them (.dockerignore leaves out node_modules, builds, lake data and .env).
COPY --chown=node:node . .

# Dependencies from the lockfile (install scripts off: the build below is the one step that compiles),
# the TypeScript compiled into dist/, then the development dependencies removed.
RUN npm ci --ignore-scripts --no-audit --no-fund \
  && npm run build \
  && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

ENTRYPOINT ["node", "bin/jobbench.js"]
CMD ["collect", "--sources", "adzuna,francetravail"]
