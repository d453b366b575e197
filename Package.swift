// swift-tools-version:6.0
import PackageDescription

// Layers, one direction only:
//   BulwarkModel ← BulwarkInputs ← engines (BulwarkPodSecurity, BulwarkRBAC, BulwarkComponentConfig, BulwarkVersions) ← BulwarkControls ← BulwarkReports ← BulwarkCLI ← bulwark
// Network and server dependencies stay out of these targets so the engines and their tests build quickly.
let package = Package(
    name: "Bulwark",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "bulwark", targets: ["bulwark"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .target(name: "BulwarkModel"),
        // zlib from the system (Debian's zlib1g-dev) for gzip-compressed snapshots.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "BulwarkInputs", dependencies: [
            "BulwarkModel", "CZlib",
            .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "BulwarkPodSecurity", dependencies: ["BulwarkModel"]),
        .target(name: "BulwarkRBAC", dependencies: ["BulwarkModel"]),
        .target(name: "BulwarkComponentConfig", dependencies: ["BulwarkModel"]),
        // Kubernetes versions, the CVE database and the support window (S17).
        .target(name: "BulwarkVersions", dependencies: ["BulwarkModel"]),
        .target(name: "BulwarkControls", dependencies: ["BulwarkModel", "BulwarkPodSecurity", "BulwarkRBAC", "BulwarkComponentConfig", "BulwarkVersions"]),
        .target(name: "BulwarkReports", dependencies: [
            "BulwarkModel",
            .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "BulwarkCLI", dependencies: [
            "BulwarkModel", "BulwarkInputs", "BulwarkPodSecurity", "BulwarkRBAC", "BulwarkVersions", "BulwarkControls", "BulwarkReports",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "bulwark", dependencies: ["BulwarkCLI"]),

        .testTarget(name: "BulwarkModelTests", dependencies: ["BulwarkModel"]),
        .testTarget(name: "BulwarkInputsTests", dependencies: ["BulwarkInputs"]),
        .testTarget(name: "BulwarkPodSecurityTests", dependencies: ["BulwarkPodSecurity", "BulwarkInputs"]),
        .testTarget(name: "BulwarkRBACTests", dependencies: ["BulwarkRBAC", "BulwarkInputs"]),
        .testTarget(name: "BulwarkVersionsTests", dependencies: ["BulwarkVersions"], exclude: ["Fixtures"]),
        .testTarget(name: "BulwarkComponentConfigTests", dependencies: ["BulwarkComponentConfig", "BulwarkInputs"]),
        .testTarget(name: "BulwarkControlsTests", dependencies: ["BulwarkControls", "BulwarkInputs", "BulwarkVersions"]),
        .testTarget(name: "BulwarkReportsTests", dependencies: ["BulwarkReports", "BulwarkControls", "BulwarkInputs"]),
        .testTarget(name: "BulwarkCLITests", dependencies: ["BulwarkCLI"]),
    ]
)
