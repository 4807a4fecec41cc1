# syntax=docker/dockerfile:1
#
# Tally container image: `tally run` (default) or any other subcommand, e.g.
#   docker build -t tally .
#   docker run --rm -e TALLY_BROKERS=kafka:9092 -p 9464:9464 tally            # tally run
#   docker run --rm -e TALLY_BROKERS=kafka:9092 tally lag --serve :9465 --group tally-workers
# Configuration: TALLY_* environment variables or a properties file (TALLY_CONFIG); see
# Sources/tally/Commands/RunCommand.swift and deploy/README.md.
#
# Both stages are Debian bookworm, so the librdkafka and libxml2 the binary is compiled against
# (librdkafka-dev, libxml2-dev) and the ones it runs with (librdkafka1, libxml2) are the same
# distribution builds.

ARG SWIFT_IMAGE=swift:6.3-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

# ---------------------------------------------------------------------------------------------
# Build stage: Swift toolchain + librdkafka and libxml2 headers.
# ---------------------------------------------------------------------------------------------
FROM ${SWIFT_IMAGE} AS build

RUN export DEBIAN_FRONTEND=noninteractive \
    && apt-get update \
    && apt-get install -y --no-install-recommends librdkafka-dev pkg-config libxml2-dev \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /src

# Dependencies first, so this layer stays cached while only sources change.
# (Package.resolved is git-ignored; the glob makes it optional.)
COPY Package.swift Package.resolved* ./
RUN swift package resolve

# SwiftPM checks every declared target's directory when it loads the manifest, tests included.
COPY Sources ./Sources
COPY Tests ./Tests

# --static-swift-stdlib links the Swift runtime, Foundation and Dispatch into the binary, so the
# runtime image does not have to ship the Swift runtime libraries (only glibc, libstdc++,
# librdkafka and libxml2, which stay dynamic: they come from the distribution).
# Staged next to the binary: tally_tally.resources (the demo samples; SwiftPM's Bundle.module
# looks for it next to the executable) and swift-backtrace-static (symbolicated crash
# backtraces without a toolchain in the runtime image).
RUN swift build -c release --product tally --static-swift-stdlib \
    && bin="$(swift build -c release --static-swift-stdlib --show-bin-path)" \
    && mkdir -p /staging \
    && cp "$bin/tally" /staging/ \
    && cp -R "$bin/tally_tally.resources" /staging/ \
    && cp /usr/libexec/swift/linux/swift-backtrace-static /staging/

# ---------------------------------------------------------------------------------------------
# Runtime stage: slim Debian + librdkafka + libxml2, non-root.
# ---------------------------------------------------------------------------------------------
FROM ${RUNTIME_IMAGE} AS runtime

RUN export DEBIAN_FRONTEND=noninteractive \
    && apt-get update \
    && apt-get install -y --no-install-recommends librdkafka1 ca-certificates libxml2 \
    && rm -rf /var/lib/apt/lists/*

# A fixed numeric uid/gid, so Kubernetes' runAsNonRoot can verify it.
RUN groupadd --system --gid 10001 tally \
    && useradd --system --uid 10001 --gid tally --no-create-home --home-dir /nonexistent \
       --shell /usr/sbin/nologin tally

WORKDIR /app
# tally, tally_tally.resources (must stay next to the binary) and swift-backtrace-static.
COPY --from=build --chown=root:root /staging/ /app/

ENV PATH="/app:${PATH}" \
    SWIFT_BACKTRACE="enable=yes,sanitize=yes,threads=all,images=all,interactive=no,swift-backtrace=/app/swift-backtrace-static"

USER 10001:10001

# /metrics, /healthz, /readyz of `tally run` (setting http.port).
EXPOSE 9464

# No curl in slim images: bash's /dev/tcp is enough for one HTTP/1.0 request.
# (The lag exporter serves another port: compose overrides this check for it.)
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${TALLY_HTTP_PORT:-9464} && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

ENTRYPOINT ["tally"]
CMD ["run"]
