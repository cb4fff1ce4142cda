// swift-tools-version: 6.2
import PackageDescription

let upcoming: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "playbyplay",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "playbyplay", targets: ["playbyplay"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-async-algorithms", from: "1.1.4"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CFFmpeg",
            pkgConfig: "libavformat",
            providers: [.apt(["libavformat-dev", "libavcodec-dev", "libavutil-dev", "libswresample-dev"])]
        ),
        .target(name: "CFFmpegShims", dependencies: ["CFFmpeg"]),
        .target(name: "CLWS", linkerSettings: [.linkedLibrary("websockets")]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "CCurlShims", dependencies: ["CCurl"]),
        .target(name: "CMallocShims"),
        .target(name: "CurlHTTP", dependencies: ["CCurl", "CCurlShims"], swiftSettings: upcoming),
        .systemLibrary(name: "CEspeak", pkgConfig: "espeak-ng", providers: [.apt(["libespeak-ng-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CHiredis", pkgConfig: "hiredis", providers: [.apt(["libhiredis-dev"])]),
        .systemLibrary(name: "CEbur128", pkgConfig: "libebur128", providers: [.apt(["libebur128-dev"])]),
        // ONNX Runtime, opened at run time (dlopen): the build needs neither its header nor its library.
        .target(name: "COnnxRuntime", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "SessionModel", swiftSettings: upcoming),
        .target(name: "Cluster", dependencies: ["CHiredis", "CurlHTTP"], swiftSettings: upcoming),
        .target(name: "Hashing", dependencies: ["CCrypto", "SessionModel"], swiftSettings: upcoming),
        .target(
            name: "Media",
            dependencies: ["CFFmpeg", "CFFmpegShims", "CEbur128", "SessionModel"],
            swiftSettings: upcoming
        ),
        .target(
            name: "Commentary",
            dependencies: ["Media", "SessionModel", "CEspeak", "COnnxRuntime", "CurlHTTP",
                           .product(name: "Logging", package: "swift-log")],
            // The sport packs: Packs/<language>/<sport>.json (SportCatalog).
            resources: [.copy("Packs")],
            swiftSettings: upcoming
        ),
        .target(
            name: "Pipeline",
            dependencies: ["Commentary", "Media", "SessionModel", "Hashing",
                           .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "Metrics", package: "swift-metrics")],
            swiftSettings: upcoming
        ),
        .target(
            name: "SessionServer",
            dependencies: ["CLWS", "Cluster", "Pipeline", "Commentary", "Media", "SessionModel", "Hashing",
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "Metrics", package: "swift-metrics"),
                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")],
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "playbyplay",
            dependencies: [
                "Media", "SessionModel", "Commentary", "Pipeline", "SessionServer", "Cluster", "LoopbackWebSocket", "CMallocShims",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: upcoming
        ),
        .target(name: "LoopbackWebSocket", dependencies: ["SessionModel"], swiftSettings: upcoming),
        .target(name: "TestSupport", dependencies: ["LoopbackWebSocket", .product(name: "Logging", package: "swift-log")],
                path: "Tests/TestSupport", swiftSettings: upcoming),
        .testTarget(name: "SessionModelTests", dependencies: ["SessionModel"], swiftSettings: upcoming),
        .testTarget(name: "ClusterTests", dependencies: ["Cluster", "TestSupport"], swiftSettings: upcoming),
        .testTarget(name: "HashingTests", dependencies: ["Hashing"], swiftSettings: upcoming),
        .testTarget(name: "MediaTests", dependencies: ["Media", "SessionModel", "TestSupport"], swiftSettings: upcoming),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Commentary", "Media", "SessionModel", "TestSupport"], swiftSettings: upcoming),
        .testTarget(name: "SessionServerTests", dependencies: ["SessionServer", "Cluster", "SessionModel", "Hashing", "Media", "Commentary", "Pipeline", "TestSupport",
                                                           .product(name: "Logging", package: "swift-log"),
                                                           .product(name: "Metrics", package: "swift-metrics"),
                                                           .product(name: "Prometheus", package: "swift-prometheus"),
                                                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                                                           .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle")],
                                                           swiftSettings: upcoming),
        .testTarget(name: "CLITests", dependencies: ["TestSupport"], swiftSettings: upcoming),
        .testTarget(name: "CommentaryTests", dependencies: ["Commentary", "CurlHTTP", "Media", "SessionModel", "TestSupport",
                                                         .product(name: "Logging", package: "swift-log")], swiftSettings: upcoming),
    ]
)
