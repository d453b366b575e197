import Foundation
import XCTest

/// Credentials planted in every place Bulwark reads them from never reach standard output,
/// standard error or a written file: every report format, `snapshot --from-dump` (and a scan of
/// that snapshot), and `bulwark node --root` on a node tree. (The live collection half is
/// `LivePlantedCredentialsTests` in BulwarkLiveTests, against the test API server.)
final class PlantedCredentialsTests: XCTestCase {
    private let now = "--now=2026-11-29T00:00:00Z"
    static let formats = ["table", "json", "yaml", "sarif", "junit", "markdown"]

    /// 32 bytes, so the encryption key is valid and only its value could leak.
    static let encryptionKey = Data("PLANTED-AESCBC-KEY-OF-32-BYTES!!".utf8).base64EncodedString()
    static let secretboxKey = Data("PLANTED-SECRETBOX-KEY-32-BYTES!!".utf8).base64EncodedString()
    static let secretData = Data("PLANTED-SECRET-DATA".utf8).base64EncodedString()

    /// Every planted value; each must be absent from everything Bulwark writes.
    static let planted = [
        secretData, "PLANTED-SECRET-STRINGDATA", "plantedbootsec1",
        "PLANTED-KC-URL-PW", "PLANTED-KC-TOKEN", "PLANTED-KC-PASSWORD", "PLANTED-KC-KEY-DATA",
        "PLANTED-AP-CLIENT-SECRET", "PLANTED-AP-ID-TOKEN", "PLANTED-AP-REFRESH", "PLANTED-AP-ACCESS", "PLANTED-EXEC-ENV", "PLANTED-EXEC-ARG",
        encryptionKey, secretboxKey,
        "PLANTED-KUBELET-HEADER", "PLANTED-SPU-PW", "PLANTED-SPU-TOKEN",
        "PLANTED-HOOK-PW", "PLANTED-HOOK-TOKEN", "PLANTED-MHOOK-PW", "PLANTED-MHOOK-TOKEN",
        "PLANTED-ARG-TOKEN", "PLANTED-ARG-PASSWORD", "PLANTED-ETCD-URL-PW", "PLANTED-OIDC-PW",
        "PLANTED-ETCD-ENV-TOKEN", "PLANTED-ETCD-ARG-TOKEN", "PLANTED-APP-PASSWORD",
    ]

    static let manifests = """
    apiVersion: v1
    kind: Secret
    metadata: {name: db, namespace: shop}
    data: {password: \(secretData)}
    stringData: {token: PLANTED-SECRET-STRINGDATA}
    ---
    apiVersion: v1
    kind: Secret
    metadata: {name: bootstrap-token-abcdef, namespace: kube-system}
    type: bootstrap.kubernetes.io/token
    stringData: {token-id: abcdef, token-secret: plantedbootsec1, usage-bootstrap-authentication: "true"}
    ---
    apiVersion: v1
    kind: Config
    clusters:
      - name: prod
        cluster: {server: "https://kcuser:PLANTED-KC-URL-PW@10.0.0.1:6443", insecure-skip-tls-verify: true}
    users:
      - name: admin
        user: {token: PLANTED-KC-TOKEN}
      - name: basic
        user: {username: admin, password: PLANTED-KC-PASSWORD}
      - name: cert
        user: {client-certificate-data: Y2VydA==, client-key-data: PLANTED-KC-KEY-DATA}
      - name: oidc
        user:
          auth-provider:
            name: oidc
            config: {client-id: k, client-secret: PLANTED-AP-CLIENT-SECRET, id-token: PLANTED-AP-ID-TOKEN, refresh-token: PLANTED-AP-REFRESH, access-token: PLANTED-AP-ACCESS}
      - name: exec
        user:
          exec:
            apiVersion: client.authentication.k8s.io/v1
            command: get-token
            args: ["--password", "PLANTED-EXEC-ARG"]
            env: [{name: REGION, value: PLANTED-EXEC-ENV}]
    contexts:
      - name: prod
        context: {cluster: prod, user: admin}
    current-context: prod
    ---
    apiVersion: apiserver.config.k8s.io/v1
    kind: EncryptionConfiguration
    resources:
      - resources: [secrets]
        providers:
          - aescbc: {keys: [{name: k1, secret: \(encryptionKey)}]}
          - secretbox: {keys: [{name: k2, secret: \(secretboxKey)}]}
          - identity: {}
    ---
    apiVersion: kubelet.config.k8s.io/v1beta1
    kind: KubeletConfiguration
    staticPodURL: "https://spu:PLANTED-SPU-PW@pods.example.com/pods?token=PLANTED-SPU-TOKEN"
    staticPodURLHeader: {Authorization: ["Bearer PLANTED-KUBELET-HEADER"]}
    authentication: {anonymous: {enabled: true}}
    ---
    apiVersion: admissionregistration.k8s.io/v1
    kind: ValidatingWebhookConfiguration
    metadata: {name: external}
    webhooks:
      - name: v.example.com
        clientConfig: {url: "https://hookuser:PLANTED-HOOK-PW@hooks.example.com/validate?token=PLANTED-HOOK-TOKEN"}
        rules: [{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [secrets]}]
        sideEffects: None
        admissionReviewVersions: [v1]
        failurePolicy: Ignore
    ---
    apiVersion: admissionregistration.k8s.io/v1
    kind: MutatingWebhookConfiguration
    metadata: {name: external-mutating}
    webhooks:
      - name: m.example.com
        clientConfig: {url: "https://mhook:PLANTED-MHOOK-PW@hooks.example.com/mutate?access_token=PLANTED-MHOOK-TOKEN"}
        rules: [{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}]
        sideEffects: None
        admissionReviewVersions: [v1]
    ---
    apiVersion: v1
    kind: Pod
    metadata: {name: kube-apiserver, namespace: kube-system, labels: {component: kube-apiserver, tier: control-plane}}
    spec:
      containers:
        - name: kube-apiserver
          image: registry.k8s.io/kube-apiserver:v1.31.4
          command:
            - kube-apiserver
            - --token=PLANTED-ARG-TOKEN
            - --password
            - PLANTED-ARG-PASSWORD
            - --etcd-servers=http://etcduser:PLANTED-ETCD-URL-PW@10.0.0.2:2379
            - --oidc-issuer-url=https://oidc:PLANTED-OIDC-PW@issuer.example.com
            - --anonymous-auth=true
    ---
    apiVersion: v1
    kind: Pod
    metadata: {name: etcd, namespace: kube-system, labels: {component: etcd, tier: control-plane}}
    spec:
      containers:
        - name: etcd
          image: registry.k8s.io/etcd:3.5.15-0
          command: [etcd, --initial-cluster-token=PLANTED-ETCD-ARG-TOKEN, --client-cert-auth=false]
          env:
            - {name: ETCD_INITIAL_CLUSTER_TOKEN, value: PLANTED-ETCD-ENV-TOKEN}
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: app, namespace: shop}
    spec:
      selector: {matchLabels: {app: app}}
      template:
        metadata: {labels: {app: app}}
        spec:
          containers:
            - name: app
              image: nginx
              env: [{name: DB_PASSWORD, value: PLANTED-APP-PASSWORD}]
              securityContext: {privileged: true}
    """

    private func assertNoPlanted(_ texts: [(String, String)], _ planted: [String] = PlantedCredentialsTests.planted,
                                 file: StaticString = #filePath, line: UInt = #line) {
        for (name, text) in texts {
            for value in planted where text.contains(value) {
                XCTFail("\(name) shows the planted credential \(value)", file: file, line: line)
            }
        }
    }

    func testPlantedCredentialsAppearInNoReportFormatSnapshotOrMessage() throws {
        let dir = try BulwarkProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("planted.yaml").path
        try Self.manifests.write(toFile: input, atomically: true, encoding: .utf8)
        // The input really holds what the test looks for.
        for value in Self.planted { XCTAssertTrue(Self.manifests.contains(value), value) }

        var seen: [(String, String)] = []
        for format in Self.formats {
            let r = try BulwarkProcess.run(["scan", input, "-o", format, "--kube-version", "1.31", now])
            XCTAssertEqual(r.code, 1, "\(format): \(r.stderr)")
            XCTAssertFalse(r.stdout.isEmpty, format)
            seen += [("scan -o \(format) stdout", r.stdout), ("scan -o \(format) stderr", r.stderr)]
            let report = dir.appendingPathComponent("report.\(format)").path
            let toFile = try BulwarkProcess.run(["scan", input, "-o", format, "--output-file", report, now])
            seen += [("scan --output-file \(format)", try String(contentsOfFile: report, encoding: .utf8)), ("stderr", toFile.stderr)]
        }
        // The webhook findings still name the host and say what is wrong.
        let json = try BulwarkProcess.run(["scan", input, "-o", "json", now]).json()
        let findings = json["findings"] as? [[String: Any]] ?? []
        let hook = try XCTUnwrap(findings.first { $0["control"] as? String == "BW-S15-001" && ($0["value"] as? String ?? "").contains("validate") })
        XCTAssertEqual(hook["value"] as? String, "https://(redacted)@hooks.example.com/validate?token=(redacted)")
        XCTAssertTrue(findings.contains { $0["control"] as? String == "BW-S11-002" || ($0["value"] as? String ?? "").contains("10.0.0.2:2379") },
                      "the plain-HTTP etcd finding stays: \(findings.compactMap { $0["control"] as? String })")

        // A snapshot from the dump, to a file and to standard output, and a scan of it.
        let snapshot = dir.appendingPathComponent("snapshot.json").path
        let made = try BulwarkProcess.run(["snapshot", "--from-dump", input, "--server-version", "v1.31.4", "--output-file", snapshot, now])
        XCTAssertEqual(made.code, 0, made.stderr)
        let snapshotText = try String(contentsOfFile: snapshot, encoding: .utf8)
        XCTAssertTrue(snapshotText.contains("hooks.example.com"), "the snapshot keeps the objects")
        XCTAssertTrue(snapshotText.contains("staticPodURLHeader"))
        seen += [("snapshot file", snapshotText), ("snapshot stderr", made.stderr)]
        let toStdout = try BulwarkProcess.run(["snapshot", "--from-dump", input, now])
        XCTAssertEqual(toStdout.code, 0, toStdout.stderr)
        seen += [("snapshot stdout", toStdout.stdout), ("snapshot stderr", toStdout.stderr)]
        for format in Self.formats {
            let r = try BulwarkProcess.run(["scan", "--snapshot", snapshot, "-o", format, now])
            XCTAssertEqual(r.code, 1, "\(format): \(r.stderr)")
            seen += [("scan --snapshot -o \(format)", r.stdout), ("stderr", r.stderr)]
        }
        // The snapshot judges as the manifests do: redaction kept every fact a control reads.
        let fromSnapshot = try BulwarkProcess.run(["scan", "--snapshot", snapshot, "-o", "json", now]).json()
        func keys(_ report: [String: Any]) -> [String] {
            (report["findings"] as? [[String: Any]] ?? []).filter { ($0["control"] as? String)?.hasPrefix("BW-S17-") != true }.map { f in
                let o = f["object"] as? [String: Any] ?? [:]
                return [f["control"], o["kind"], o["name"], f["path"], f["value"]].map { "\($0 ?? "")" }.joined(separator: "|")
            }.sorted()
        }
        let fromFiles = try BulwarkProcess.run(["scan", input, "-o", "json", "--kube-version", "1.31", now]).json()
        XCTAssertEqual(keys(fromSnapshot), keys(fromFiles))
        assertNoPlanted(seen)
    }

    /// A node tree with credentials in a static pod manifest, kubeconfigs, the kubelet config and
    /// /proc cmdlines and environments.
    func testPlantedCredentialsOnANodeAppearInNoFormat() throws {
        let dir = try BulwarkProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let root = dir.appendingPathComponent("node")
        try FileManager.default.copyItem(at: BulwarkProcess.packageRoot.appendingPathComponent("Tests/BulwarkNodeTests/Fixtures/kubeadm"), to: root)
        func write(_ text: String, _ path: String) throws {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        func read(_ path: String) throws -> String { try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8) }
        let apiserver = try read("etc/kubernetes/manifests/kube-apiserver.yaml")
        try write(apiserver.replacingOccurrences(of: "    - kube-apiserver\n", with: """
                    - kube-apiserver
                    - --token=PLANTED-NODE-ARG-TOKEN
                    - --password
                    - PLANTED-NODE-ARG-PASSWORD
                    - --oidc-issuer-url=https://oidc:PLANTED-NODE-OIDC-PW@issuer.example.com/?token=PLANTED-NODE-OIDC-TOKEN

                """), "etc/kubernetes/manifests/kube-apiserver.yaml")
        XCTAssertTrue(try read("etc/kubernetes/manifests/kube-apiserver.yaml").contains("PLANTED-NODE-ARG-TOKEN"))
        try write("""
        apiVersion: v1
        kind: Pod
        metadata: {name: etcd, namespace: kube-system, labels: {component: etcd}}
        spec:
          containers:
            - name: etcd
              image: registry.k8s.io/etcd:3.5.15-0
              command: [etcd, --initial-cluster-token=PLANTED-NODE-ETCD-ARG, --data-dir=/var/lib/etcd]
              env: [{name: ETCD_INITIAL_CLUSTER_TOKEN, value: PLANTED-NODE-ETCD-ENV}]
        """, "etc/kubernetes/manifests/etcd.yaml")
        try write("""
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "https://kc:PLANTED-NODE-KC-URL@10.0.0.10:6443", insecure-skip-tls-verify: true}}]
        users:
          - name: u
            user:
              token: PLANTED-NODE-KC-TOKEN
              password: PLANTED-NODE-KC-PASSWORD
              client-key-data: PLANTED-NODE-KC-KEY
              auth-provider: {name: oidc, config: {client-secret: PLANTED-NODE-AP-SECRET, refresh-token: PLANTED-NODE-AP-REFRESH}}
              exec: {command: x, apiVersion: client.authentication.k8s.io/v1, env: [{name: A, value: PLANTED-NODE-EXEC-ENV}]}
        contexts: [{name: c, context: {cluster: c, user: u}}]
        current-context: c
        """, "etc/kubernetes/admin.conf")
        let kubelet = try read("var/lib/kubelet/config.yaml")
        try write(kubelet + "\nstaticPodURL: https://spu:PLANTED-NODE-SPU-PW@pods.example.com/x\nstaticPodURLHeader:\n  Authorization: [\"Bearer PLANTED-NODE-HEADER\"]\n",
                  "var/lib/kubelet/config.yaml")
        let kubeletArgv = ["/usr/bin/kubelet", "--config=/var/lib/kubelet/config.yaml", "--token", "PLANTED-NODE-PROC-TOKEN",
                           "--bootstrap-token=PLANTED-NODE-PROC-BOOT", "--kubeconfig=/etc/kubernetes/kubelet.conf"]
        try write(kubeletArgv.map { $0 + "\0" }.joined(), "proc/4242/cmdline")
        let etcdArgv = ["/usr/local/bin/etcd", "--initial-cluster-token", "PLANTED-NODE-PROC-ETCD", "--data-dir=/var/lib/etcd"]
        try write(etcdArgv.map { $0 + "\0" }.joined(), "proc/4343/cmdline")
        try write(["ETCD_INITIAL_CLUSTER_TOKEN=PLANTED-NODE-PROC-ENV", "ETCD_NAME=n1"].map { $0 + "\0" }.joined(), "proc/4343/environ")
        let planted = ["PLANTED-NODE-ARG-TOKEN", "PLANTED-NODE-ARG-PASSWORD", "PLANTED-NODE-OIDC-PW", "PLANTED-NODE-OIDC-TOKEN",
                       "PLANTED-NODE-ETCD-ARG", "PLANTED-NODE-ETCD-ENV", "PLANTED-NODE-KC-URL", "PLANTED-NODE-KC-TOKEN",
                       "PLANTED-NODE-KC-PASSWORD", "PLANTED-NODE-KC-KEY", "PLANTED-NODE-AP-SECRET", "PLANTED-NODE-AP-REFRESH",
                       "PLANTED-NODE-EXEC-ENV", "PLANTED-NODE-SPU-PW", "PLANTED-NODE-HEADER", "PLANTED-NODE-PROC-TOKEN",
                       "PLANTED-NODE-PROC-BOOT", "PLANTED-NODE-PROC-ETCD", "PLANTED-NODE-PROC-ENV",
                       "RkFLRS1LRVktRk9SLVRFU1RTLU9OTFktMzJCWVRFUyE="]  // the fixture's encryption key
        var seen: [(String, String)] = []
        for format in Self.formats {
            let r = try BulwarkProcess.run(["node", "--root", root.path, "-o", format, now])
            XCTAssertEqual(r.code, 1, "\(format): \(r.stderr)")
            XCTAssertFalse(r.stdout.isEmpty)
            seen += [("node -o \(format) stdout", r.stdout), ("node -o \(format) stderr", r.stderr)]
        }
        // The node reader saw the planted files (the etcd process and manifest are judged).
        let report = try BulwarkProcess.run(["node", "--root", root.path, "-o", "json", now])
        XCTAssertTrue(report.stdout.contains("etcd"), report.stdout.prefix(400).description)
        assertNoPlanted(seen, planted)
    }
}
