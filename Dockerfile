# kubelab/web: the lab's web app as an image for real clusters (minikube, kind).
# Entrypoint `web`:  init container  `web generate --out /app`
#                    main container  `web serve --root /app --port 8000 --host 0.0.0.0` (the default CMD)
# Build: see src/web/README.md.

# Stage 1: bundle `web` (src/cli/commands/web.ts and src/web/) into one ESM file, so the runtime
# stage needs no node_modules. esbuild comes with tsx; the banner gives bundled CommonJS
# dependencies (commander) a `require` for node's built-in modules.
FROM node:20-slim AS build
WORKDIR /src
COPY package.json package-lock.json .npmrc ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY src ./src
RUN node_modules/.bin/esbuild src/cli/commands/web.ts --bundle --platform=node --target=node20 \
      --format=esm --outfile=/out/web.mjs \
      "--banner:js=import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" \
 && printf '#!/bin/sh\nexec node /opt/kubelab/web.mjs "$@"\n' > /out/web \
 && chmod 0755 /out/web

# Stage 2: node and one file, as uid 1001 like the lab's image. Numeric USER lets the kubelet
# verify runAsNonRoot. /app is the page directory (an emptyDir in the lab's Deployment).
FROM node:20-slim
ENV NODE_ENV=production
COPY --from=build /out/web.mjs /opt/kubelab/web.mjs
COPY --from=build /out/web /usr/local/bin/web
RUN mkdir /app && chown 1001:1001 /app
WORKDIR /app
USER 1001:1001
EXPOSE 8000
# `exec` in the wrapper makes node PID 1, and `web serve` handles SIGTERM itself: it stops
# accepting, finishes in-flight downloads and exits 0 within the pod's grace period.
ENTRYPOINT ["web"]
CMD ["serve", "--root", "/app", "--port", "8000", "--host", "0.0.0.0"]
