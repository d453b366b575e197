import Foundation

/// Shared by the certificate and control tests. Certificates made by openssl once per test run: a cluster CA, a leaf it signs, a separate
/// etcd CA, a long-lived leaf, weak ones (RSA 1024 + SHA-1, P-192) and an Ed25519 one. All are
/// valid from now; expiry is tested by judging them at a later `now`.
public struct TestPKI: Sendable {
    public let dir: String

    public static let shared: Result<TestPKI, TestPKIError> = Result { () throws(TestPKIError) in try make() }

    public struct TestPKIError: Error, CustomStringConvertible { public var description: String }

    public static func get() throws -> TestPKI { try shared.get() }

    public func pem(_ name: String) throws -> String { try String(contentsOfFile: "\(dir)/\(name)", encoding: .utf8) }
    public func bytes(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(name)"))) }

    /// Runs a shell command in the PKI directory and returns its stdout.
    public func shell(_ command: String) throws -> String { try Self.run("cd '\(dir)' && \(command)") }

    public static func run(_ script: String) throws(TestPKIError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out; process.standardError = err
        do { try process.run() } catch { throw TestPKIError(description: "cannot run bash: \(error)") }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestPKIError(description: "openssl script failed: \(String(decoding: errors, as: UTF8.self))")
        }
        return String(decoding: output, as: UTF8.self)
    }

    public static func make() throws(TestPKIError) -> TestPKI {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bulwark-pki-\(UUID().uuidString)").path
        _ = try run("""
        set -e
        mkdir -p '\(dir)' && cd '\(dir)'
        printf 'basicConstraints=critical,CA:FALSE\\nkeyUsage=critical,digitalSignature,keyEncipherment\\nextendedKeyUsage=serverAuth\\nsubjectAltName=DNS:web.example.com,IP:10.0.0.1\\n' > leaf.ext
        printf 'basicConstraints=critical,CA:FALSE\\nextendedKeyUsage=clientAuth\\n' > client.ext
        openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 -subj /CN=kubernetes \\
          -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
        openssl req -newkey rsa:2048 -nodes -keyout leaf.key -out leaf.csr -subj "/O=example/CN=web" 2>/dev/null
        openssl x509 -req -in leaf.csr -CA ca.crt -CAkey ca.key -set_serial 0x0A0B0C -days 365 -sha256 -extfile leaf.ext -out leaf.crt 2>/dev/null
        openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout long.key -out long.csr -subj /CN=long-lived 2>/dev/null
        openssl x509 -req -in long.csr -CA ca.crt -CAkey ca.key -set_serial 7 -days 825 -extfile client.ext -out long.crt 2>/dev/null
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout etcd-ca.key -out etcd-ca.crt -days 3650 \\
          -subj /CN=etcd-ca -addext basicConstraints=critical,CA:TRUE 2>/dev/null
        openssl req -newkey rsa:1024 -nodes -keyout weak.key -out weak.csr -subj /CN=weak 2>/dev/null
        openssl x509 -req -in weak.csr -CA ca.crt -CAkey ca.key -set_serial 9 -days 365 -sha1 -extfile client.ext -out weak.crt 2>/dev/null
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime192v1 -nodes -keyout p192.key -out p192.crt -days 365 -subj /CN=p192 2>/dev/null
        openssl req -x509 -newkey ed25519 -nodes -keyout ed.key -out ed.crt -days 365 -subj /CN=ed 2>/dev/null
        openssl x509 -in leaf.crt -outform DER -out leaf.der
        cat ca.crt etcd-ca.crt > bundle.crt
        """)
        return TestPKI(dir: dir)
    }
}
