// swift-tools-version:6.2
// Tally: crawled reports in, normalized metrics out, over Kafka.
//
// Data flow, by target:
//   CRdKafka (system librdkafka) → CRdKafkaShim (C glue) → Kafka (Swift layer, no C types above it)
//   MetricParser (pure Swift, no Kafka) ──┐
//   CLibXML2 (system libxml2) → PageText (HTML page → text, tables, meta; no C types above it)
//   Kafka ────────────────────────────────┴→ Pipeline (worker: poll thread, Dispatch workers, offsets, DLQ)
//   Pipeline → Operations (replay, lag, offsets) ; Telemetry (HTTP: /metrics, /healthz, /readyz)
//   tally (CLI: run, parse, replay, lag, offsets, demo)
import PackageDescription

let package = Package(
    name: "tally",
    // macOS 26: the raw-event decoder builds Strings through UTF8Span (standard library 6.2).
    platforms: [.macOS(.v26)],
    products: [
        .executable(name: "tally", targets: ["tally"]),
        .library(name: "MetricParser", targets: ["MetricParser"]),
        .library(name: "Kafka", targets: ["Kafka"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-otel/swift-w3c-trace-context.git", from: "1.0.0"),
    ],
    targets: [
        // librdkafka from the distribution (Debian: librdkafka-dev), found with pkg-config.
        .systemLibrary(
            name: "CRdKafka",
            pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"])]
        ),
        // What Swift cannot call directly (variadic rd_kafka_producev) and version-gated APIs.
        .target(name: "CRdKafkaShim", dependencies: ["CRdKafka"]),
        .target(
            name: "Kafka",
            dependencies: [
                "CRdKafka", "CRdKafkaShim",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "MetricParser"),
        // libxml2 from the distribution (Debian: libxml2-dev), found with pkg-config: its HTML parser
        // and encoding handlers read crawled pages.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // A crawled HTML page → the text the parser reads, its tables as data, its meta (see docs/html.md).
        .target(name: "PageText", dependencies: ["CLibXML2", "MetricParser"]),
        // `make bench`: the parser's single-core throughput (see bench/).
        .executableTarget(name: "MetricParserBench", dependencies: ["MetricParser", "PageText", "PageFixtures"]),
        // Plain text wrapped in a government site's page, for the corpus-in-HTML test and the bench.
        .target(name: "PageFixtures"),
        // Test support: the shared scorer and Python tools, called the same way by every suite.
        .target(name: "TestSupport", dependencies: ["MetricParser"]),
        // `make bench`: the worker against a pass-through worker on the same broker (bench/pipeline_bench.py).
        .executableTarget(
            name: "PipelineBench",
            dependencies: ["Pipeline", "Kafka", "MetricParser", .product(name: "Logging", package: "swift-log")]),
        .target(
            name: "Pipeline",
            dependencies: [
                "Kafka", "MetricParser", "PageText",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "W3CTraceContext", package: "swift-w3c-trace-context"),
            ]
        ),
        .target(
            name: "Operations",
            dependencies: [
                "Kafka", "Pipeline", "Telemetry",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "Telemetry",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "tally",
            dependencies: [
                "Kafka", "MetricParser", "PageText", "Pipeline", "Operations", "Telemetry",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Samples")]
        ),
        // Brokers for tests: librdkafka's in-process mock cluster and a noida-db process.
        .target(name: "KafkaTesting", dependencies: ["Kafka"]),

        .testTarget(name: "MetricParserTests", dependencies: ["MetricParser", "TestSupport"]),
        .testTarget(
            name: "PageTextTests", dependencies: ["PageText", "MetricParser", "PageFixtures", "TestSupport"],
            exclude: ["Pages"]),
        .testTarget(name: "KafkaTests", dependencies: ["Kafka", "KafkaTesting"]),
        .testTarget(
            name: "PipelineTests",
            dependencies: ["Pipeline", "Kafka", "KafkaTesting", "MetricParser", "PageText", "Telemetry"]),
        .testTarget(
            name: "OperationsTests", dependencies: ["Operations", "Pipeline", "Kafka", "KafkaTesting", "Telemetry"],
            exclude: ["Support/parse_prometheus.py"]),
        // Runs the built `tally` executable as a process: kill -9, SIGTERM, HTTP endpoints, demo.
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["Kafka", "KafkaTesting", "MetricParser", "PageText", "Pipeline", "TestSupport"]),
    ]
)
