# The shop as it runs in production (see "Production layout" in README.md):
# Node 20 slim, dependencies exactly as locked, run as the unprivileged `node` user.
FROM node:20-slim

WORKDIR /app
ENV NODE_ENV=production

# Dependencies first (cached while only the sources change). The postinstall
# step generates the Prisma clients from prisma/, so it is copied before.
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY prisma.config.ts tsconfig.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY src ./src
COPY locales ./locales

# ./data holds the SQLite file when no PostgreSQL is configured (one instance only).
RUN mkdir -p data && chown node:node data
USER node

EXPOSE 8080
# Ready = the database and the provider answer; 503 while stopping.
HEALTHCHECK --interval=10s --timeout=6s --start-period=60s \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.WEBHOOK_PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"

# node itself (not npm) receives SIGTERM: it stops taking updates, finishes those in flight, then exits.
# The same command as `npm start` (test/start-command.test.ts keeps them equal).
CMD ["node", "--max-semi-space-size=32", "--import", "tsx", "src/main.ts"]
