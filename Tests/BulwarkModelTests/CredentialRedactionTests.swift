import XCTest
import Foundation
import BulwarkModel

/// The shared credential redaction: what goes, what stays for the controls, and idempotence.
final class CredentialRedactionTests: XCTestCase {
    private func json(_ v: Value) -> String { v.summary(limit: 100_000) }

    func testURLLoginsAndCredentialQueryParametersGoHostAndPathStay() {
        XCTAssertEqual(CredentialRedaction.redact(url: "https://hookuser:PLANTED-PW@hooks.example.com:8443/validate?token=PLANTED-T&x=1"),
                       "https://(redacted)@hooks.example.com:8443/validate?token=(redacted)&x=1")
        XCTAssertEqual(CredentialRedaction.redact(url: "http://10.0.0.2:2379"), "http://10.0.0.2:2379")
        XCTAssertEqual(CredentialRedaction.redact(url: "https://h/p?a=1&access_token=S3CR3T#frag"), "https://h/p?a=1&access_token=(redacted)#frag")
        XCTAssertEqual(CredentialRedaction.redact(url: "https://h/?Password=pw"), "https://h/?Password=(redacted)")
        // In prose, with the URL between quotes and at the end of a sentence.
        XCTAssertEqual(CredentialRedaction.redact(text: "webhook \"w\" sends admission requests to https://u:p@h/x, outside"),
                       "webhook \"w\" sends admission requests to https://(redacted)@h/x, outside")
        // An XML-escaped query (JUnit, SARIF) still loses its token.
        XCTAssertFalse(CredentialRedaction.redact(text: "https://h/?a=1&amp;token=PLANTED").contains("PLANTED"))
        // An `@` in the path is not a login.
        XCTAssertEqual(CredentialRedaction.redact(url: "https://h/a@b"), "https://h/a@b")
    }

    func testCredentialFlagsLoseTheirValueOtherFlagsAndPathsStay() {
        XCTAssertEqual(CredentialRedaction.redact(arguments: ["kubelet", "--token", "abcdef.0123456789abcdef", "--token-auth-file=/etc/t.csv",
                                                              "--password=pw", "-initial-cluster-token=etcd-tok", "--etcd-keyfile=/k.key",
                                                              "--etcd-servers=https://u:p@10.0.0.2:2379"]),
                       ["kubelet", "--token", "(redacted)", "--token-auth-file=/etc/t.csv", "--password=(redacted)",
                        "-initial-cluster-token=(redacted)", "--etcd-keyfile=/k.key", "--etcd-servers=https://(redacted)@10.0.0.2:2379"])
        XCTAssertEqual(CredentialRedaction.redact(text: "sh -c 'exec kube-apiserver --token=PLANTED --v=2'"),
                       "sh -c 'exec kube-apiserver --token=(redacted) --v=2'")
        // A message naming a flag keeps it.
        XCTAssertEqual(CredentialRedaction.redact(text: "--token is set; --anonymous-auth=true"), "--token is set; --anonymous-auth=true")
    }

    func testObjectsLoseEveryCredentialAndKeepTheFactsControlsRead() throws {
        let key32 = Data("PLANTED-ENCRYPTION-KEY-32-BYTES!".utf8).base64EncodedString()
        let objects: [Value] = [
            ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "s"], "type": "bootstrap.kubernetes.io/token",
             "data": ["token-secret": "UExBTlRFRC1CT09U"], "stringData": ["password": "PLANTED-STRINGDATA"]],
            ["apiVersion": "v1", "kind": "Config",
             "clusters": [["name": "c", "cluster": ["server": "https://kc:PLANTED-KC-URL@10.0.0.1:6443"]]],
             "users": [["name": "u", "user": ["token": "PLANTED-KC-TOKEN", "password": "PLANTED-KC-PW", "username": "admin",
                                              "client-key-data": "PLANTED-KEY-DATA", "client-certificate-data": "Y2VydA==",
                                              "auth-provider": ["name": "oidc", "config": ["client-id": "k", "client-secret": "PLANTED-AP-CS",
                                                                                          "id-token": "PLANTED-AP-ID", "refresh-token": "PLANTED-AP-RT"]],
                                              "exec": ["command": "get-token", "args": ["--password", "PLANTED-EXEC-ARG"],
                                                       "env": [["name": "HOME_REGION", "value": "PLANTED-EXEC-ENV"]]]]]]],
            ["apiVersion": "apiserver.config.k8s.io/v1", "kind": "EncryptionConfiguration",
             "resources": [["resources": ["secrets"], "providers": [["aescbc": ["keys": [["name": "k1", "secret": .string(key32)]]]],
                                                                    ["secretbox": ["keys": [["name": "k2", "secret": "PLANTED-not-base64"]]]],
                                                                    ["identity": [:]]]]]],
            ["apiVersion": "kubelet.config.k8s.io/v1beta1", "kind": "KubeletConfiguration",
             "staticPodURL": "https://u:PLANTED-SPU@h/pods", "staticPodURLHeader": ["Authorization": ["Bearer PLANTED-HEADER"]]],
            ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "etcd"],
             "spec": ["containers": [["name": "etcd", "command": ["etcd", "--initial-cluster-token", "PLANTED-ETCD-ARG"],
                                      "env": [["name": "ETCD_INITIAL_CLUSTER_TOKEN", "value": "PLANTED-ETCD-ENV"],
                                              ["name": "ETCD_KEY_FILE", "value": "/etc/etcd/key.pem"], ["name": "LOG_LEVEL", "value": "info"]]]]]],
        ]
        for object in objects {
            let redacted = CredentialRedaction.redact(object: object)
            let text = json(redacted)
            XCTAssertFalse(text.contains("PLANTED"), text)
            XCTAssertFalse(text.contains(key32), text)
            XCTAssertEqual(CredentialRedaction.redact(object: redacted), redacted, "idempotent")
        }
        let kubeconfig = CredentialRedaction.redact(object: objects[1])
        let user = try XCTUnwrap(kubeconfig["users"]?[0]?["user"])
        XCTAssertEqual(user["token"], "(redacted)", "the key stays: controls see a token is set")
        XCTAssertEqual(user["username"], "admin")
        XCTAssertEqual(user["client-certificate-data"], "Y2VydA==", "a certificate is not a secret")
        XCTAssertEqual(kubeconfig["clusters"]?[0]?["cluster"]?["server"], "https://(redacted)@10.0.0.1:6443")
        // Key lengths stay (BW-S16-005), values do not; a value that was not base64 still is not.
        let encryption = CredentialRedaction.redact(object: objects[2])
        let providers = try XCTUnwrap(encryption["resources"]?[0]?["providers"])
        let aes = try XCTUnwrap(providers[0]?["aescbc"]?["keys"]?[0]?["secret"]?.string)
        XCTAssertEqual(Data(base64Encoded: aes)?.count, 32)
        XCTAssertNil(Data(base64Encoded: try XCTUnwrap(providers[1]?["secretbox"]?["keys"]?[0]?["secret"]?.string)))
        let kubelet = CredentialRedaction.redact(object: objects[3])
        XCTAssertEqual(kubelet["staticPodURLHeader"]?.mapping?.keys, ["Authorization"])
        let env = try XCTUnwrap(CredentialRedaction.redact(object: objects[4])["spec"]?["containers"]?[0]?["env"])
        XCTAssertEqual(env[1]?["value"], "/etc/etcd/key.pem", "paths stay")
        XCTAssertEqual(env[2]?["value"], "info")
        XCTAssertEqual(env[0]?["value"], "(redacted)")
    }

    func testFindingsAndInputIssuesNeverCarryACredential() {
        let finding = Finding(control: "BW-S15-001", section: .s15, severity: .high, object: nil, path: "webhooks[0].clientConfig.url",
                              value: "https://u:PLANTED@h/?token=PLANTED2", message: "sends requests to https://u:PLANTED@h/?token=PLANTED2",
                              remediation: "")
        XCTAssertEqual(finding.value, "https://(redacted)@h/?token=(redacted)")
        XCTAssertFalse(finding.message.contains("PLANTED"))
        let issue = InputIssue(file: "f", message: "cannot reach https://u:PLANTED@h")
        XCTAssertFalse(issue.message.contains("PLANTED"))
    }

    /// Rendered documents are redacted once more as text: a value must end before an escape or a
    /// tag, or the document stops parsing (found by the fuzzer: a container named
    /// `https://user:pw@host:1/p?token=x` broke `-o json`, the value ran into the escaped quote).
    func testRedactingARenderedDocumentKeepsItParseable() throws {
        let planted = ["https://user:PLANTED@host:1/p?token=PLANTED", "x?token=PLANTED", "--token=PLANTED",
                       "a --password=PLANTED\"b", "https://h/?access_token=PLANTED\\", "--token=PLANTED<b>", "u?token=PLANTED\u{1}", "line\n--token=PLANTED", "tab\t--password=PLANTED"]
        for text in planted {
            let document = try JSONSerialization.data(withJSONObject: ["name": text, "list": [text, text + "\"", "\\" + text]], options: [.withoutEscapingSlashes])
            let redacted = CredentialRedaction.redact(text: String(decoding: document, as: UTF8.self))
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(redacted.utf8)), "JSON broken: \(redacted)")
            XCTAssertFalse(redacted.contains("PLANTED"), redacted)
            let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            let xml = "<r a=\"\(escaped)\"><td>\(escaped)</td><td>\(escaped)</td></r>"
            let redactedXML = CredentialRedaction.redact(text: xml)
            XCTAssertTrue(redactedXML.hasSuffix("</td></r>") && redactedXML.components(separatedBy: "</td>").count == 3, "XML broken: \(redactedXML)")
            XCTAssertFalse(redactedXML.contains("PLANTED"), redactedXML)
        }
    }
}
