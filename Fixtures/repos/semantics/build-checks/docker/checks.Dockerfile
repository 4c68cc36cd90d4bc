# check=skip=FromPlatformFlagConstDisallowed,SecretsUsedInArgOrEnv;error=true
FROM --platform=linux/amd64 node:22 as assets
ARG NPM_TOKEN
RUN npm ci && npm run build
FROM nginx:1.27-alpine
COPY --from=assets /app/dist /usr/share/nginx/html
ENV NGINX_PORT 8080
USER 101
