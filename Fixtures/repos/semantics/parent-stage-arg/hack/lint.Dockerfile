# A lint Dockerfile: the default target runs on the build machine, so the linter it compiles is for that machine.
FROM --platform=$BUILDPLATFORM golang:1.23-alpine AS base
WORKDIR /src

FROM base AS linter-build
RUN go build -o /out/golangci-lint ./cmd/golangci-lint

FROM scratch AS linter
COPY --from=linter-build /out/golangci-lint /golangci-lint

FROM base AS lint
RUN --mount=type=bind,target=. --mount=from=linter,source=/golangci-lint,target=/usr/bin/golangci-lint \
    golangci-lint run ./...
