// swift-tools-version:6.0
import PackageDescription

// Layers, one direction only:
//   BulwarkModel ← BulwarkCertificates ← BulwarkInputs ← engines (BulwarkPodSecurity, BulwarkRBAC, BulwarkComponentConfig, BulwarkVersions) ← BulwarkControls ← BulwarkReports ← BulwarkCLI ← bulwark
// Network and server dependencies stay out of these targets so the engines and their tests build quickly.
let package = Package(
    name: "Bulwark",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "bulwark", targets: ["bulwark"]),
        .executable(name: "bulwark-fuzz", targets: ["bulwark-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // Certificate parsing (BulwarkCertificates): X.509 names and extensions, DER, SHA-256.
        .package(url: "https://github.com/apple/swift-certificates", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        // Only the live-cluster client (BulwarkLive) and its tests use these.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.24.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.1.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.65.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.27.0"),
    ],
    targets: [
        .target(name: "BulwarkModel"),
        // zlib from the system (Debian's zlib1g-dev) for gzip-compressed snapshots.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        // X.509 certificates → value-type facts (expiry, keys, CA identity); pure, no network.
        .target(name: "BulwarkCertificates", dependencies: [
            "BulwarkModel",
            .product(name: "X509", package: "swift-certificates"),
            .product(name: "SwiftASN1", package: "swift-asn1"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Depends on BulwarkCertificates so redaction can keep a Secret's certificate facts, not its values.
        .target(name: "BulwarkInputs", dependencies: [
            "BulwarkModel", "BulwarkCertificates", "CZlib",
            .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "BulwarkPodSecurity", dependencies: ["BulwarkModel"]),
        .target(name: "BulwarkRBAC", dependencies: ["BulwarkModel"]),
        .target(name: "BulwarkNetworkPolicy", dependencies: ["BulwarkModel"]),
        .target(name: "BulwarkComponentConfig", dependencies: ["BulwarkModel"]),
        // Kubernetes versions, the CVE database and the support window (S17).
        .target(name: "BulwarkVersions", dependencies: ["BulwarkModel"]),
        // `bulwark audit-log`: audit Events (JSON lines, EventList, gzip, EKS/AKS/GKE forms) → detections.
        // BulwarkRBAC only for its list of Kubernetes' own identities.
        .target(name: "BulwarkAuditLog", dependencies: ["BulwarkModel", "BulwarkRBAC", "CZlib"]),
        .target(name: "BulwarkControls", dependencies: ["BulwarkModel", "BulwarkCertificates", "BulwarkPodSecurity", "BulwarkRBAC", "BulwarkNetworkPolicy", "BulwarkComponentConfig", "BulwarkVersions"]),
        .target(name: "BulwarkReports", dependencies: [
            "BulwarkModel",
            .product(name: "Yams", package: "Yams"),
            .product(name: "Prometheus", package: "swift-prometheus"),
        ]),
        // kubeconfig files and in-cluster credentials: pure, no network.
        .target(name: "BulwarkKubeconfig", dependencies: ["BulwarkModel", "BulwarkInputs"]),
        // `bulwark node`: a node's processes, config files, kernel state and file modes → inventory objects. No network.
        .target(name: "BulwarkNode", dependencies: ["BulwarkModel", "BulwarkInputs"]),
        // The Kubernetes API client: mutual TLS, discovery, paginated lists, permissions → Snapshot.
        .target(name: "BulwarkLive", dependencies: [
            "BulwarkModel", "BulwarkInputs", "BulwarkKubeconfig",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOTLS", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        // `bulwark probe`: TCP/TLS/HTTP questions to component ports and etcd's JSON gateway (S16 live).
        .target(name: "BulwarkProbe", dependencies: [
            "BulwarkModel",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOTLS", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        .target(name: "BulwarkCLI", dependencies: [
            "BulwarkModel", "BulwarkInputs", "BulwarkPodSecurity", "BulwarkRBAC", "BulwarkNetworkPolicy", "BulwarkVersions", "BulwarkControls", "BulwarkReports",
            "BulwarkKubeconfig", "BulwarkLive", "BulwarkProbe", "BulwarkComponentConfig", "BulwarkNode", "BulwarkAuditLog",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "bulwark", dependencies: ["BulwarkCLI"]),
        // The structure-aware fuzzer (scripts/fuzz.sh, .ci/run): mutates real manifests, node trees and
        // snapshots, calls every engine and renderer in-process, and runs the `bulwark` command matrix.
        .target(name: "BulwarkFuzzing", dependencies: [
            "BulwarkModel", "BulwarkInputs", "BulwarkPodSecurity", "BulwarkRBAC", "BulwarkNetworkPolicy",
            "BulwarkControls", "BulwarkReports", "BulwarkNode", "BulwarkAuditLog",
        ]),
        .executableTarget(name: "bulwark-fuzz", dependencies: ["BulwarkFuzzing"]),

        .testTarget(name: "BulwarkModelTests", dependencies: ["BulwarkModel"]),
        .testTarget(name: "BulwarkInputsTests", dependencies: ["BulwarkInputs"]),
        .testTarget(name: "BulwarkAuditLogTests", dependencies: ["BulwarkAuditLog", "BulwarkModel"]),
        // openssl-made test certificates shared by the certificate and control tests.
        .target(name: "BulwarkTestPKI", path: "Tests/BulwarkTestPKI"),
        .testTarget(name: "BulwarkCertificatesTests", dependencies: ["BulwarkCertificates", "BulwarkModel", "BulwarkTestPKI"]),
        .testTarget(name: "BulwarkPodSecurityTests", dependencies: ["BulwarkPodSecurity", "BulwarkInputs"]),
        .testTarget(name: "BulwarkNetworkPolicyTests", dependencies: ["BulwarkNetworkPolicy", "BulwarkInputs"]),
        .testTarget(name: "BulwarkRBACTests", dependencies: ["BulwarkRBAC", "BulwarkInputs"]),
        .testTarget(name: "BulwarkVersionsTests", dependencies: ["BulwarkVersions"], exclude: ["Fixtures"]),
        .testTarget(name: "BulwarkComponentConfigTests", dependencies: ["BulwarkComponentConfig", "BulwarkInputs"]),
        .testTarget(name: "BulwarkControlsTests", dependencies: ["BulwarkControls", "BulwarkInputs", "BulwarkRBAC", "BulwarkVersions", "BulwarkCertificates", "BulwarkTestPKI"]),
        .testTarget(name: "BulwarkReportsTests", dependencies: ["BulwarkReports", "BulwarkControls", "BulwarkInputs"]),
        .testTarget(name: "BulwarkCLITests", dependencies: ["BulwarkCLI", "BulwarkModel", "BulwarkProbe"]),
        // Replays every minimised fuzz failure (Fixtures/fuzz) through the in-process checks and the CLI matrix.
        .testTarget(name: "BulwarkFuzzTests", dependencies: ["BulwarkFuzzing", "BulwarkReports", "BulwarkModel"], exclude: ["Fixtures"]),
        .testTarget(name: "BulwarkKubeconfigTests", dependencies: ["BulwarkKubeconfig"]),
        .testTarget(name: "BulwarkNodeTests", dependencies: ["BulwarkNode", "BulwarkInputs", "BulwarkModel", "BulwarkControls", "BulwarkComponentConfig"],
                    exclude: ["Fixtures"]),
        // Runs a local HTTPS test API server (plain SwiftNIO + NIOSSL) that requires client certificates.
        // Also the probe tests: real etcd and openssl s_server on loopback, sharing the test certificates.
        .testTarget(name: "BulwarkLiveTests", dependencies: [
            "BulwarkLive", "BulwarkProbe", "BulwarkKubeconfig", "BulwarkInputs", "BulwarkModel",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ], exclude: ["Fixtures"]),
    ]
)
