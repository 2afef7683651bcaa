// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "berth",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "berth", targets: ["berth"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // The C library; only BerthYAML may import it.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // Leaf: source files, positions, diagnostics and their renderers.
        .target(name: "BerthDiagnostics"),
        // libyaml events → node tree with exact ranges.
        .target(name: "BerthYAML", dependencies: ["CYAML", "BerthDiagnostics"]),
        // Leaf: the plan, the only contract between compiler and executor.
        .target(name: "BerthPlan"),
        // Leaf: the one parser per scalar format (durations, sizes, numbers), shared by the
        // checker, the lowering and the executor.
        .target(name: "BerthFormats"),
        // Container engines behind a typed protocol: the Docker Engine API client, the
        // in-memory engine for semantics tests and fault injection.
        .target(
            name: "BerthEngine",
            dependencies: [.product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "Crypto", package: "swift-crypto")]
        ),
        // Runs plans; never imports the compiler, reaches engines only through BerthEngine.
        .target(
            name: "BerthExecutor",
            dependencies: [
                "BerthPlan", "BerthExpressions", "BerthEngine", "BerthFormats",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                // The KV store: one SQLite database in the state directory.
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // Pebble-compatible templates: lexer, parser (with ranges), evaluator.
        .target(name: "BerthExpressions", dependencies: ["BerthYAML", "BerthDiagnostics", .product(name: "Crypto", package: "swift-crypto")]),
        // The language definition from grammar/, embedded at build time.
        .target(name: "BerthSchema", dependencies: ["BerthYAML", "BerthDiagnostics"]),
        // A flow's topology from its plan, drawn as Mermaid, DOT or HTML; pure.
        .target(name: "BerthGraph", dependencies: ["BerthPlan"]),
        // The HTML report of an execution, from its journal and log file.
        .target(name: "BerthReport", dependencies: ["BerthExecutor", "BerthGraph", "BerthPlan"]),
        // Pure compiler: values in, values + diagnostics out.
        .target(name: "BerthCompiler", dependencies: ["BerthPlan", "BerthExpressions", "BerthSchema", "BerthYAML", "BerthDiagnostics", "BerthFormats", .product(name: "Crypto", package: "swift-crypto")]),
        // The language server: the checker live in editors.
        .target(name: "BerthLanguageServer", dependencies: ["BerthCompiler", "BerthPlan", "BerthSchema", "BerthYAML", "BerthDiagnostics"]),
        // Thin shell over the libraries; a library so tests run commands in-process.
        .target(
            name: "BerthCLI",
            dependencies: [
                "BerthCompiler", "BerthDiagnostics", "BerthPlan", "BerthSchema", "BerthExecutor", "BerthEngine", "BerthLanguageServer", "BerthGraph", "BerthReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "berth", dependencies: ["BerthCLI"]),
        // `swift run -c release berth-bench`: ratios against baselines measured in the same run.
        .executableTarget(name: "berth-bench", dependencies: ["BerthCompiler", "BerthYAML", "BerthDiagnostics", "BerthExecutor", "BerthEngine", "BerthLanguageServer", "BerthPlan"],
                          path: "Sources/BerthBenchmarks"),
        // libFuzzer over reader → checker → lowering (see README "Fuzzing"); without
        // BERTH_FUZZING it replays a corpus through the same pipeline.
        .executableTarget(name: "berth-fuzz", dependencies: ["BerthCompiler", "BerthDiagnostics", "BerthPlan", "BerthYAML", "BerthExecutor", "BerthEngine", "BerthExpressions"],
                          path: "Sources/BerthFuzz", exclude: ["kestra.dict"]),

        // Child processes for tests (deadline, output through files, own process group).
        .target(name: "BerthTestSupport", path: "Tests/BerthTestSupport"),
        .testTarget(name: "BerthDiagnosticsTests", dependencies: ["BerthDiagnostics"]),
        .testTarget(name: "BerthYAMLTests", dependencies: ["BerthYAML", "BerthDiagnostics"]),
        .testTarget(name: "BerthSchemaTests", dependencies: ["BerthSchema"]),
        .testTarget(name: "BerthFormatsTests", dependencies: ["BerthFormats"]),
        .testTarget(name: "BerthExpressionsTests", dependencies: ["BerthExpressions", "BerthSchema"]),
        .testTarget(
            name: "BerthCompilerTests",
            dependencies: ["BerthCompiler", "BerthDiagnostics", "BerthYAML", "BerthPlan", "BerthSchema"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "BerthCLITests", dependencies: ["BerthCLI", "BerthDiagnostics", "BerthLanguageServer", "BerthCompiler", "BerthExecutor", "BerthPlan", "BerthTestSupport"],
                    exclude: ["lsp", "graphs"]),
        .testTarget(name: "BerthEngineTests", dependencies: ["BerthEngine"]),
        .testTarget(name: "BerthExecutorTests", dependencies: ["BerthExecutor", "BerthEngine", "BerthCompiler", "BerthPlan", "BerthDiagnostics", "BerthExpressions", "BerthTestSupport"]),
    ]
)
