import Foundation
import XCTest

/// A test CA, a server certificate for 127.0.0.1 and client certificates, made with openssl
/// once per test run. A second CA signs nothing the server trusts.
struct TestCertificates: Sendable {
    let dir: String
    var caCert: String { dir + "/ca.pem" }
    var serverCert: String { dir + "/server.pem" }
    var serverKey: String { dir + "/server.key" }
    var clientCert: String { dir + "/client.pem" }
    /// PKCS#1 RSA key, as kubeadm writes them.
    var clientKey: String { dir + "/client.key" }
    var otherCACert: String { dir + "/other-ca.pem" }
    /// A server certificate naming only DNS:api.bulwark.test (no IP), for tls-server-name.
    var namedServerCert: String { dir + "/named-server.pem" }
    var namedServerKey: String { dir + "/named-server.key" }
    /// A server certificate naming only IP:127.0.0.1 (no DNS name at all).
    var ipOnlyServerCert: String { dir + "/ip-server.pem" }
    var ipOnlyServerKey: String { dir + "/ip-server.key" }
    /// A server certificate naming only DNS:kubernetes.default.
    var kubernetesDefaultServerCert: String { dir + "/kd-server.pem" }
    var kubernetesDefaultServerKey: String { dir + "/kd-server.key" }

    static let shared: Result<TestCertificates, Error> = Result { try make() }

    static func make() throws -> TestCertificates {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bulwark-live-certs-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let script = """
        set -e
        cd '\(dir)'
        cat > server.ext <<X
        subjectAltName=IP:127.0.0.1,DNS:localhost
        extendedKeyUsage=serverAuth
        X
        cat > named-server.ext <<X
        subjectAltName=DNS:api.bulwark.test
        extendedKeyUsage=serverAuth
        X
        cat > ip-server.ext <<X
        subjectAltName=IP:127.0.0.1
        extendedKeyUsage=serverAuth
        X
        cat > kd-server.ext <<X
        subjectAltName=DNS:kubernetes.default
        extendedKeyUsage=serverAuth
        X
        cat > client.ext <<X
        extendedKeyUsage=clientAuth
        X
        openssl ecparam -name prime256v1 -genkey -noout -out ca.key
        openssl req -x509 -new -key ca.key -subj /CN=bulwark-test-ca -days 2 -out ca.pem
        openssl ecparam -name prime256v1 -genkey -noout -out other-ca.key
        openssl req -x509 -new -key other-ca.key -subj /CN=other-ca -days 2 -out other-ca.pem
        openssl ecparam -name prime256v1 -genkey -noout -out server.key
        openssl req -new -key server.key -subj /CN=127.0.0.1 -out server.csr
        openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile server.ext -out server.pem
        openssl ecparam -name prime256v1 -genkey -noout -out named-server.key
        openssl req -new -key named-server.key -subj /CN=api.bulwark.test -out named-server.csr
        openssl x509 -req -in named-server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile named-server.ext -out named-server.pem
        for n in ip-server kd-server; do
          openssl ecparam -name prime256v1 -genkey -noout -out $n.key
          openssl req -new -key $n.key -subj /CN=$n -out $n.csr
          openssl x509 -req -in $n.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile $n.ext -out $n.pem
        done
        openssl genrsa -traditional -out client.key 2048 2>/dev/null || openssl genrsa -out client.key 2048
        openssl req -new -key client.key -subj "/O=system:masters/CN=bulwark-test" -out client.csr
        openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile client.ext -out client.pem
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw XCTSkip("openssl could not make the test certificates") }
        return TestCertificates(dir: dir)
    }

    func base64(_ path: String) throws -> String {
        try Data(contentsOf: URL(fileURLWithPath: path)).base64EncodedString()
    }
}
