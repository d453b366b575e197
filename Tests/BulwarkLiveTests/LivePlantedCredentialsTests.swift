import Foundation
import XCTest
import BulwarkModel
import BulwarkInputs

/// Credentials planted in a live cluster's objects, its kubelet configz and the kubeconfig's
/// server URL never reach a report (any format), a live snapshot, or a message.
final class LivePlantedCredentialsTests: XCTestCase {
    static let now = "--now=2026-11-29T00:00:00Z"
    static let planted = ["PLANTED-LIVE-SECRET", "PLANTED-LIVE-HOOK-PW", "PLANTED-LIVE-HOOK-TOKEN", "PLANTED-LIVE-MHOOK-PW",
                          "PLANTED-LIVE-ARG-TOKEN", "PLANTED-LIVE-ARG-PW", "PLANTED-LIVE-ETCD-ENV", "PLANTED-LIVE-CONFIGZ-TOKEN",
                          "PLANTED-LIVE-SERVER-PW", Data("PLANTED-LIVE-SECRET".utf8).base64EncodedString()]
    static let objects = """
    apiVersion: v1
    kind: Secret
    metadata: {name: db, namespace: shop}
    data: {password: \(Data("PLANTED-LIVE-SECRET".utf8).base64EncodedString())}
    ---
    apiVersion: admissionregistration.k8s.io/v1
    kind: ValidatingWebhookConfiguration
    metadata: {name: external}
    webhooks:
      - name: v.example.com
        clientConfig: {url: "https://hook:PLANTED-LIVE-HOOK-PW@hooks.example.com/v?token=PLANTED-LIVE-HOOK-TOKEN"}
        rules: [{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [secrets]}]
        sideEffects: None
        admissionReviewVersions: [v1]
    ---
    apiVersion: admissionregistration.k8s.io/v1
    kind: MutatingWebhookConfiguration
    metadata: {name: external-m}
    webhooks:
      - name: m.example.com
        clientConfig: {url: "https://m:PLANTED-LIVE-MHOOK-PW@hooks.example.com/m"}
        sideEffects: None
        admissionReviewVersions: [v1]
    ---
    apiVersion: v1
    kind: Pod
    metadata: {name: kube-apiserver-cp-1, namespace: kube-system, labels: {component: kube-apiserver, tier: control-plane}}
    spec:
      nodeName: cp-1
      containers:
        - name: kube-apiserver
          image: registry.k8s.io/kube-apiserver:v1.31.4
          command: [kube-apiserver, --token=PLANTED-LIVE-ARG-TOKEN, --password, PLANTED-LIVE-ARG-PW, --anonymous-auth=true]
          env: [{name: ETCD_INITIAL_CLUSTER_TOKEN, value: PLANTED-LIVE-ETCD-ENV}]
    """

    func testLiveReportsSnapshotsAndErrorsCarryNoPlantedCredential() throws {
        let planted = ManifestReader().parse(Array(Self.objects.utf8), file: "planted.yaml").objects.map(\.value)
        XCTAssertEqual(planted.count, 4)
        let h = try LiveHarness(objects: try FakeCluster.fixtureObjects() + planted)
        defer { h.stop() }
        // The server URL carries a login the client must not print (the test server accepts the client certificate).
        let url = h.server.url.replacingOccurrences(of: "https://", with: "https://admin:PLANTED-LIVE-SERVER-PW@")
        let config = try h.kubeconfig(user: try h.clientCertificateDataUser(), name: "plain")
        let text = try String(contentsOfFile: config, encoding: .utf8).replacingOccurrences(of: h.server.url, with: url)
        let withLogin = try h.write(text, to: "with-login")
        var seen: [(String, String)] = []
        for format in ["table", "json", "yaml", "sarif", "junit", "markdown"] {
            let r = try BulwarkBinary.run(["scan", "--kubeconfig", withLogin, "--read-secrets", "--kubelet-configz", "-o", format, Self.now], home: h.dir)
            XCTAssertEqual(r.code, 1, "\(format): \(r.stderr)")
            seen += [("live scan -o \(format)", r.stdout), ("stderr", r.stderr)]
        }
        let snapshot = h.dir + "/live.json"
        let made = try BulwarkBinary.run(["snapshot", "--kubeconfig", withLogin, "--read-secrets", "--kubelet-configz", "--output-file", snapshot, Self.now],
                                         home: h.dir)
        XCTAssertEqual(made.code, 0, made.stderr)
        let snapshotText = try String(contentsOfFile: snapshot, encoding: .utf8)
        XCTAssertTrue(snapshotText.contains("hooks.example.com") && snapshotText.contains("staticPodURLHeader"), "objects and configz kept")
        seen += [("live snapshot", snapshotText), ("stderr", made.stderr)]
        // An error naming the server (nothing listens on port 9): the login is not in it.
        let dead = try h.write(text.replacingOccurrences(of: url, with: "https://admin:PLANTED-LIVE-SERVER-PW@127.0.0.1:9"), to: "dead")
        let failed = try BulwarkBinary.run(["scan", "--kubeconfig", dead, "--request-timeout", "2", "-o", "json", Self.now], home: h.dir)
        XCTAssertEqual(failed.code, 2, failed.stderr)
        XCTAssertTrue(failed.stderr.contains("127.0.0.1:9"), failed.stderr)
        seen += [("error stdout", failed.stdout), ("error stderr", failed.stderr)]
        for (name, text) in seen {
            for value in Self.planted where text.contains(value) { XCTFail("\(name) shows \(value)") }
        }
    }
}
