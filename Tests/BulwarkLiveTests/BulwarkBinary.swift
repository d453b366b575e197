import Foundation
import XCTest

/// Runs the built `bulwark` binary (as the CLI tests do), with a clean environment so that no
/// kubeconfig of the machine is ever used: only the test server on 127.0.0.1 is contacted.
enum BulwarkBinary {
    struct Result {
        var code: Int32
        var stdout: String
        var stderr: String
        func json() throws -> [String: Any] {
            try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any], "not JSON: \(stdout.prefix(300)) \(stderr)")
        }
    }

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func run(_ arguments: [String], home: String) throws -> Result {
        let binary = packageRoot.appendingPathComponent(".build/debug/bulwark")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { throw XCTSkip("bulwark binary not built") }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        process.environment = ["HOME": home, "PATH": "/usr/bin:/bin"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(code: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}
