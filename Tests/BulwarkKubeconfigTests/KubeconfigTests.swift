import Foundation
import XCTest
import BulwarkKubeconfig

/// kubeconfig loading as kubectl does it: merging, contexts, paths, errors that name file and
/// field and never a credential, in-cluster credentials.
final class KubeconfigTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("bulwark-kubeconfig-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let path = dir + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testKUBECONFIGFilesMergeFirstWinsPerNameAndCurrentContextFromTheFirstThatSetsIt() throws {
        let a = try write("a", """
        clusters:
          - {name: shared, cluster: {server: "https://a.example:6443"}}
        users:
          - {name: u, user: {token: from-a}}
        contexts:
          - {name: ctx-a, context: {cluster: shared, user: u}}
        """)
        let b = try write("b", """
        current-context: ctx-b
        clusters:
          - {name: shared, cluster: {server: "https://b.example:6443"}}
          - {name: only-b, cluster: {server: "https://only-b.example"}}
        users:
          - {name: u, user: {token: from-b}}
        contexts:
          - {name: ctx-b, context: {cluster: only-b, user: u, namespace: team}}
        """)
        let c = try write("c", "current-context: ctx-a\n")
        let loader = KubeconfigLoader(environment: ["KUBECONFIG": "\(a):\(dir)/missing:\(b):\(c)"])
        let settings = try loader.resolve()
        XCTAssertEqual(settings.contextName, "ctx-b", "the first file that sets current-context wins")
        XCTAssertEqual(settings.server, "https://only-b.example")
        XCTAssertEqual(settings.token?.text, "from-a", "the first file that defines a user wins")
        XCTAssertEqual(settings.namespace, "team")
        let other = try loader.resolve(context: "ctx-a")
        XCTAssertEqual(other.server, "https://a.example:6443")
        XCTAssertEqual(other.namespace, "default")
    }

    func testExplicitKubeconfigWinsOverKUBECONFIG() throws {
        let a = try write("a", "current-context: x\nclusters: [{name: c, cluster: {server: 'https://explicit'}}]\ncontexts: [{name: x, context: {cluster: c}}]\n")
        let settings = try KubeconfigLoader(explicitPath: a, environment: ["KUBECONFIG": "/nonexistent"]).resolve()
        XCTAssertEqual(settings.server, "https://explicit")
        XCTAssertEqual(settings.authDescription, "no credentials")
    }

    func testRelativePathsAndTokenFile() throws {
        try write("ca.crt", "CA PEM")
        try write("tok", "  secret-from-file \n")
        let path = try write("config", """
        current-context: x
        clusters: [{name: c, cluster: {server: "https://k", certificate-authority: ca.crt, tls-server-name: api.internal}}]
        users: [{name: u, user: {tokenFile: tok}}]
        contexts: [{name: x, context: {cluster: c, user: u}}]
        """)
        let settings = try KubeconfigLoader(explicitPath: path, environment: [:]).resolve()
        XCTAssertEqual(settings.certificateAuthorityPEM, Array("CA PEM".utf8))
        XCTAssertEqual(settings.token?.text, "secret-from-file")
        XCTAssertEqual(settings.tlsServerName, "api.internal")
    }

    func testErrorsNameFileAndFieldButNeverTheCredential() throws {
        let bad64 = try write("bad64", """
        current-context: x
        clusters: [{name: c, cluster: {server: "https://k"}}]
        users: [{name: admin, user: {client-certificate-data: "!!!notbase64", client-key-data: "S0VZLVNFQ1JFVC0xMjM="}}]
        contexts: [{name: x, context: {cluster: c, user: admin}}]
        """)
        XCTAssertThrowsError(try KubeconfigLoader(explicitPath: bad64, environment: [:]).resolve()) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains(bad64), text)
            XCTAssertTrue(text.contains("users[admin].user.client-certificate-data"), text)
            XCTAssertFalse(text.contains("notbase64"))
        }
        let keyOnly = try write("keyonly", """
        current-context: x
        clusters: [{name: c, cluster: {server: "https://k"}}]
        users: [{name: admin, user: {client-key-data: "S0VZLVNFQ1JFVC0xMjM=", token: TOKEN-SECRET-42}}]
        contexts: [{name: x, context: {cluster: c, user: admin}}]
        """)
        XCTAssertThrowsError(try KubeconfigLoader(explicitPath: keyOnly, environment: [:]).resolve()) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("users[admin].user"), text)
            XCTAssertFalse(text.contains("TOKEN-SECRET-42"))
            XCTAssertFalse(text.contains("S0VZ"))
        }
        let noContext = try write("nocontext", "clusters: []\ncontexts: [{name: a, context: {cluster: c}}]\n")
        XCTAssertThrowsError(try KubeconfigLoader(explicitPath: noContext, environment: [:]).resolve(context: "prod")) { error in
            XCTAssertTrue("\(error)".contains("no context named 'prod' (contexts: a)"), "\(error)")
        }
        let missingCluster = try write("nocluster", "current-context: a\ncontexts: [{name: a, context: {cluster: gone}}]\n")
        XCTAssertThrowsError(try KubeconfigLoader(explicitPath: missingCluster, environment: [:]).resolve()) { error in
            XCTAssertTrue("\(error)".contains("contexts[a].context.cluster: no cluster named 'gone'"), "\(error)")
        }
        XCTAssertThrowsError(try KubeconfigLoader(explicitPath: dir + "/absent", environment: [:]).resolve()) { error in
            XCTAssertTrue("\(error)".contains("does not exist"), "\(error)")
        }
        let broken = try write("broken", "clusters: [unclosed\n")
        XCTAssertThrowsError(try KubeconfigLoader(explicitPath: broken, environment: [:]).resolve()) { error in
            XCTAssertTrue("\(error)".contains("not valid YAML"), "\(error)")
        }
    }

    func testExecV1NeedsInteractiveModeAndRelativeCommandsResolveAgainstTheFile() throws {
        let v1 = try write("v1", """
        current-context: x
        clusters: [{name: c, cluster: {server: "https://k"}}]
        users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: aws}}}]
        contexts: [{name: x, context: {cluster: c, user: u}}]
        """)
        XCTAssertThrowsError(try KubeconfigLoader(explicitPath: v1, environment: [:]).resolve()) { error in
            XCTAssertTrue("\(error)".contains("users[u].user.exec.interactiveMode"), "\(error)")
        }
        let beta = try write("beta", """
        current-context: x
        clusters: [{name: c, cluster: {server: "https://k"}}]
        users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: ./bin/plugin, args: [a, b], env: [{name: K, value: V}]}}}]
        contexts: [{name: x, context: {cluster: c, user: u}}]
        """)
        let exec = try XCTUnwrap(try KubeconfigLoader(explicitPath: beta, environment: [:]).resolve().exec)
        XCTAssertEqual(exec.command, dir + "/./bin/plugin")
        XCTAssertEqual(exec.args, ["a", "b"])
        XCTAssertEqual(exec.env, [.init(name: "K", value: "V")])
        XCTAssertEqual(exec.interactiveMode, .ifAvailable)
    }

    func testACredentialPluginThatHangsOrFloodsIsStopped() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bulwark-exec-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func script(_ name: String, _ body: String) throws -> String {
            let path = dir + "/" + name
            try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
            return path
        }
        let clock = ContinuousClock()
        var hanging = ExecPlugin(config: ExecConfig(apiVersion: "client.authentication.k8s.io/v1", command: try script("hang", "exec sleep 600"),
                                                    interactiveMode: .never, file: "kc"), server: "https://127.0.0.1:1", stdinIsTerminal: false)
        hanging.timeout = .seconds(1)
        let start = clock.now
        XCTAssertThrowsError(try hanging.run()) { error in
            XCTAssertTrue("\(error)".contains("did not finish within 1 s and was stopped"), "\(error)")
        }
        XCTAssertLessThan(clock.now - start, .seconds(30), "stopped at its timeout, not after the 600 s it sleeps")
        let flooding = ExecPlugin(config: ExecConfig(apiVersion: "client.authentication.k8s.io/v1", command: try script("flood", "exec cat /dev/zero"),
                                                     interactiveMode: .never, file: "kc"), server: "https://127.0.0.1:1", stdinIsTerminal: false)
        XCTAssertThrowsError(try flooding.run()) { error in
            XCTAssertTrue("\(error)".contains("printed more than 1048576 bytes"), "\(error)")
        }
    }

    func testExecCredentialParsing() throws {
        let config = ExecConfig(apiVersion: "client.authentication.k8s.io/v1", command: "x", interactiveMode: .never, file: "kc")
        let ok = try ExecCredential.parse(Array(#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"abc","expirationTimestamp":"2030-01-01T00:00:00Z"}}"#.utf8), config: config)
        XCTAssertEqual(ok.token?.text, "abc")
        XCTAssertTrue(ok.isValid(at: Date(timeIntervalSince1970: 0)))
        XCTAssertFalse(ok.isValid(at: Date(timeIntervalSince1970: 2_000_000_000)))
        XCTAssertEqual("\(ok)".contains("abc"), false, "credentials print redacted")
        XCTAssertThrowsError(try ExecCredential.parse(Array(#"{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"abc"}}"#.utf8), config: config)) { error in
            XCTAssertTrue("\(error)".contains("the kubeconfig asks for client.authentication.k8s.io/v1"), "\(error)")
            XCTAssertFalse("\(error)".contains("abc"))
        }
    }

    func testInClusterCredentialsWhenNoKubeconfigExists() throws {
        let root = dir + "/sa"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try "sa-token-777\n".write(toFile: root + "/token", atomically: true, encoding: .utf8)
        try "CA".write(toFile: root + "/ca.crt", atomically: true, encoding: .utf8)
        try "security".write(toFile: root + "/namespace", atomically: true, encoding: .utf8)
        let loader = KubeconfigLoader(environment: ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"],
                                      homeDirectory: dir + "/nohome", inCluster: InClusterConfig(root: root))
        let settings = try loader.resolve()
        XCTAssertEqual(settings.contextName, "in-cluster")
        XCTAssertEqual(settings.server, "https://10.96.0.1:443")
        XCTAssertEqual(settings.token?.text, "sa-token-777")
        XCTAssertEqual(settings.namespace, "security")
        XCTAssertEqual(settings.certificateAuthorityPEM, Array("CA".utf8))
        let v6 = try KubeconfigLoader(environment: ["KUBERNETES_SERVICE_HOST": "fd00::1"], homeDirectory: dir,
                                      inCluster: InClusterConfig(root: root)).resolve()
        XCTAssertEqual(v6.server, "https://[fd00::1]:443")
        XCTAssertThrowsError(try KubeconfigLoader(environment: [:], homeDirectory: dir, inCluster: InClusterConfig(root: root)).resolve()) { error in
            XCTAssertTrue("\(error)".contains("no kubeconfig found"), "\(error)")
        }
    }
}
