// swift-tools-version:6.0
import PackageDescription

// Layers, one direction only:
//   BulwarkModel ← BulwarkInputs ← BulwarkPodSecurity (engine) ← BulwarkControls ← BulwarkReports ← BulwarkCLI ← bulwark
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
        .target(name: "BulwarkInputs", dependencies: [
            "BulwarkModel",
            .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "BulwarkPodSecurity", dependencies: ["BulwarkModel"]),
        .target(name: "BulwarkNetworkPolicy", dependencies: ["BulwarkModel"]),
        .target(name: "BulwarkControls", dependencies: ["BulwarkModel", "BulwarkPodSecurity", "BulwarkNetworkPolicy"]),
        .target(name: "BulwarkReports", dependencies: [
            "BulwarkModel",
            .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "BulwarkCLI", dependencies: [
            "BulwarkModel", "BulwarkInputs", "BulwarkPodSecurity", "BulwarkNetworkPolicy", "BulwarkControls", "BulwarkReports",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "bulwark", dependencies: ["BulwarkCLI"]),

        .testTarget(name: "BulwarkModelTests", dependencies: ["BulwarkModel"]),
        .testTarget(name: "BulwarkInputsTests", dependencies: ["BulwarkInputs"]),
        .testTarget(name: "BulwarkPodSecurityTests", dependencies: ["BulwarkPodSecurity", "BulwarkInputs"]),
        .testTarget(name: "BulwarkNetworkPolicyTests", dependencies: ["BulwarkNetworkPolicy", "BulwarkInputs"]),
        .testTarget(name: "BulwarkControlsTests", dependencies: ["BulwarkControls", "BulwarkInputs"]),
        .testTarget(name: "BulwarkReportsTests", dependencies: ["BulwarkReports", "BulwarkControls", "BulwarkInputs"]),
        .testTarget(name: "BulwarkCLITests", dependencies: ["BulwarkCLI"]),
    ]
)
