import BulwarkTestPKI
import Foundation
import Testing
import BulwarkModel
import BulwarkInputs
import BulwarkCertificates
@testable import BulwarkControls

/// Objects holding certificates in each place the S14 certificate controls read.
struct CertificateObjects {
    let pki: TestPKI

    func base64(_ file: String) throws -> String { Data(try pki.pem(file).utf8).base64EncodedString() }

    func tlsSecret(_ name: String, cert: String, key: String = "leaf.key", ca: String? = nil) throws -> KubeObject {
        var data = Mapping()
        data.set("tls.crt", .string(try base64(cert)))
        data.set("tls.key", .string(try base64(key)))
        if let ca { data.set("ca.crt", .string(try base64(ca))) }
        return KubeObject(["apiVersion": "v1", "kind": "Secret", "type": "kubernetes.io/tls",
                           "metadata": ["name": .string(name), "namespace": "web"], "data": .mapping(data)])
    }

    func stringDataSecret(_ name: String, cert: String) throws -> KubeObject {
        KubeObject(["apiVersion": "v1", "kind": "Secret", "type": "kubernetes.io/tls",
                    "metadata": ["name": .string(name), "namespace": "web"],
                    "stringData": ["tls.crt": .string(try pki.pem(cert)), "tls.key": .string(try pki.pem("leaf.key"))]])
    }

    func webhook(_ name: String, caBundle: String) -> KubeObject {
        KubeObject(["apiVersion": "admissionregistration.k8s.io/v1", "kind": "ValidatingWebhookConfiguration",
                    "metadata": ["name": .string(name)],
                    "webhooks": [["name": "a.example.com", "clientConfig": ["service": ["name": "a", "namespace": "a"], "caBundle": .string(caBundle)]]]])
    }

    func apiService(_ name: String, caBundle: String) -> KubeObject {
        KubeObject(["apiVersion": "apiregistration.k8s.io/v1", "kind": "APIService", "metadata": ["name": .string(name)],
                    "spec": ["group": "metrics.k8s.io", "version": "v1beta1", "caBundle": .string(caBundle)]])
    }

    func kubeconfig(ca: String, client: String) throws -> KubeObject {
        KubeObject(["apiVersion": "v1", "kind": "Config", "metadata": ["name": "admin.conf"],
                    "clusters": [["name": "k", "cluster": ["server": "https://10.0.0.1:6443", "certificate-authority-data": .string(try base64(ca))]]],
                    "users": [["name": "admin", "user": ["client-certificate-data": .string(try base64(client)), "client-key-data": .string(try base64("leaf.key"))]]]])
    }

    func nodeFile(_ path: String, pemOf file: String?, error: String? = nil) throws -> KubeObject {
        var m = Mapping()
        m.set("apiVersion", "node.bulwark.io/v1"); m.set("kind", "NodeFile")
        m.set("metadata", ["name": .string(path)]); m.set("node", "cp-1")
        m.set("path", .string(path)); m.set("role", "certificate"); m.set("mode", "0644")
        if let file { m.set("certificatesPEM", .string(try pki.pem(file))) }
        if let error { m.set("error", .string(error)) }
        return KubeObject(.mapping(m))
    }

    /// One object of each kind, every one holding `leaf.crt` (365 days) next to the CA (10 years).
    func everyPlace() throws -> [KubeObject] {
        [
            try tlsSecret("web-tls", cert: "leaf.crt", ca: "ca.crt"),
            try stringDataSecret("web-tls-string", cert: "leaf.crt"),
            webhook("policy", caBundle: try base64("leaf.crt")),
            apiService("v1beta1.metrics.k8s.io", caBundle: try base64("leaf.crt")),
            try kubeconfig(ca: "ca.crt", client: "leaf.crt"),
            try nodeFile("/etc/kubernetes/pki/apiserver.crt", pemOf: "leaf.crt"),
        ]
    }
}

func certificateSettings(daysFromNow days: Double) -> ScanSettings { ScanSettings(now: Date().addingTimeInterval(days * 86_400)) }

@Suite struct S14CertificatesTests {
    let objects: CertificateObjects
    init() throws { objects = CertificateObjects(pki: try TestPKI.get()) }

    @Test func expiredCertificatesInEveryPlace() throws {
        let control = S14Certificates.expired
        let all = try objects.everyPlace()
        #expect(evaluate(control, all).isPass)
        let v = evaluate(control, all, settings: certificateSettings(daysFromNow: 400)).violations
        #expect(v.map(\.path) == ["data[\"tls.crt\"]", "stringData[\"tls.crt\"]", "webhooks[0].clientConfig.caBundle", "spec.caBundle",
                                  "users[0].user.client-certificate-data", "certificatesPEM"])
        #expect(v.allSatisfy { $0.message.contains("CN=web,O=example") && $0.message.contains("expired 3") })
        #expect(v.first?.value?.hasPrefix("notAfter 20") == true)
        // The 10-year CA (ca.crt, certificate-authority-data) expires only much later.
        let late = evaluate(control, all, settings: certificateSettings(daysFromNow: 3700)).violations
        #expect(late.count == 8)
    }

    @Test func expiringWithin30Days() throws {
        let control = S14Certificates.expiringSoon
        let all = try objects.everyPlace()
        #expect(evaluate(control, all, settings: certificateSettings(daysFromNow: 300)).isPass)
        let v = evaluate(control, all, settings: certificateSettings(daysFromNow: 350)).violations
        #expect(v.count == 6)
        #expect(v.allSatisfy { $0.message.contains("expires in 14 day(s)") || $0.message.contains("expires in 15 day(s)") })
        // Expired ones belong to BW-S14-101, not here.
        #expect(evaluate(control, all, settings: certificateSettings(daysFromNow: 400)).isPass)
        var narrow = certificateSettings(daysFromNow: 350)
        narrow.certificateExpiryWarning = 7 * 86_400
        #expect(evaluate(control, all, settings: narrow).isPass)
    }

    @Test func leafLifetime() throws {
        let control = S14Certificates.longLivedLeaves
        #expect(evaluate(control, try objects.everyPlace()).isPass, "a 365-day leaf and a 10-year CA are fine")
        let long = try objects.nodeFile("/var/lib/kubelet/pki/kubelet-client.crt", pemOf: "long.crt")
        let v = evaluate(control, [long]).violations
        #expect(v.count == 1)
        #expect(v.first?.value == "825 days")
        // Late in its life only a year or less is left: as kubeadm's renewed leaves (dated from the CA) look.
        #expect(evaluate(control, [long], settings: certificateSettings(daysFromNow: 500)).isPass)
    }

    @Test func weakKeysAndDigests() throws {
        let control = S14Certificates.weakKeys
        #expect(evaluate(control, try objects.everyPlace() + [try objects.nodeFile("/e", pemOf: "ed.crt"), try objects.nodeFile("/p", pemOf: "etcd-ca.crt")]).isPass)
        let v = evaluate(control, [try objects.tlsSecret("weak", cert: "weak.crt"), try objects.nodeFile("/p192", pemOf: "p192.crt")]).violations
        #expect(v.count == 2)
        #expect(v[0].message.contains("RSA 1024-bit key") && v[0].message.contains("sha1WithRSAEncryption"))
        #expect(v[0].value == "RSA 1024, sha1WithRSAEncryption")
        #expect(v[1].message.contains("ECDSA P-192") && !v[1].message.contains("signed with"))
    }

    @Test func unreadableCertificateData() throws {
        let control = S14Certificates.unreadable
        #expect(evaluate(control, try objects.everyPlace()).isPass)
        let key = try objects.pki.pem("leaf.key")
        let keyBody = String(key.split(separator: "\n")[1])
        let bad = [
            objects.webhook("garbage", caBundle: "bm90IGEgY2VydGlmaWNhdGU="),
            objects.apiService("v1.key", caBundle: Data(key.utf8).base64EncodedString()),
            try objects.nodeFile("/etc/kubernetes/pki/ca.crt", pemOf: nil, error: "not PEM"),
            try objects.nodeFile("/etc/kubernetes/pki/sa.crt", pemOf: nil, error: "permission denied"),
        ]
        let v = evaluate(control, bad).violations
        #expect(v.map { $0.object?.name } == ["garbage", "v1.key", "/etc/kubernetes/pki/ca.crt"])
        #expect(v[1].message.contains("private key"))
        #expect(!v.contains { $0.message.contains(keyBody) })
        // Only places that could not be read: the other controls say so rather than pass.
        #expect(evaluate(S14Certificates.expired, bad).notAssessedReason?.hasPrefix("no certificate could be read") == true)
        #expect(evaluate(control, [try objects.nodeFile("/x.crt", pemOf: nil, error: "permission denied")]).notAssessedReason != nil)
    }

    /// cert-manager's CA injector (and install scripts) fill caBundle after apply: a placeholder is
    /// no unreadable certificate, while a real but broken bundle still is.
    @Test func placeholderCABundlesAreNotUnreadable() throws {
        let control = S14Certificates.unreadable
        let injected = KubeObject(["apiVersion": "admissionregistration.k8s.io/v1", "kind": "MutatingWebhookConfiguration",
                                   "metadata": ["name": "injected", "annotations": ["cert-manager.io/inject-ca-from": "ns/cert"]],
                                   "webhooks": [["name": "b.example.com", "clientConfig": ["service": ["name": "b", "namespace": "b"], "caBundle": "bm90IGEgY2VydGlmaWNhdGU="]]]])
        let placeholders = [objects.webhook("newline", caBundle: "Cg=="), objects.webhook("blank", caBundle: "  "),
                            objects.apiService("v1.tmpl", caBundle: "${CA_BUNDLE}"), objects.webhook("helm", caBundle: "{{ .Values.ca }}"),
                            objects.webhook("caps", caBundle: "CA_BUNDLE"), injected]
        let outcome = evaluate(control, placeholders)
        #expect(outcome.violations.isEmpty, "\(outcome.violations.map(\.message))")
        #expect(outcome.notAssessedReason != nil, "placeholders alone are nothing to judge")
        // A real bundle beside them still counts; garbage without the injection annotation is a finding.
        let mixed = evaluate(control, placeholders + [objects.webhook("garbage", caBundle: "bm90IGEgY2VydGlmaWNhdGU=")])
        #expect(mixed.violations.map { $0.object?.name } == ["garbage"])
    }

    /// A live scan without --read-secrets: webhook certificates still fail the control, but no
    /// pass is given for TLS Secrets nobody read.
    @Test func secretsNotReadLeaveFailuresButNoPass() throws {
        var inventory = Inventory(objects: [objects.webhook("policy", caBundle: try objects.base64("leaf.crt"))])
        inventory.add(uncollected: UncollectedResource(kind: "Secret", resource: "secrets", detail: "not read without --read-secrets"))
        let today = S14Certificates.expired.evaluate(ScanContext(inventory: inventory, settings: ScanSettings()))
        #expect(today.notAssessedReason?.contains("not read without --read-secrets") == true)
        #expect(today.notAssessedReason?.contains("1 certificate(s) in 1 place(s)") == true)
        let later = S14Certificates.expired.evaluate(ScanContext(inventory: inventory, settings: certificateSettings(daysFromNow: 400)))
        #expect(later.violations.map(\.path) == ["webhooks[0].clientConfig.caBundle"])
        let declared = ControlCatalog.all.first { $0.id == "BW-S14-101" }?.reads ?? []
        #expect(declared.contains("APIService") && !declared.contains("Secret"))
    }

    @Test func nothingToJudge() {
        for control in S14Certificates.controls {
            let reason = evaluate(control, []).notAssessedReason
            #expect(reason?.contains("no certificates in input") == true, "\(control.id)")
        }
    }

    /// A live scan or snapshot drops Secret values; the facts kept in their place give the same findings.
    @Test func redactedSecretsGiveTheSameFindings() throws {
        let secrets = [try objects.tlsSecret("web-tls", cert: "leaf.crt", ca: "ca.crt"), try objects.tlsSecret("weak", cert: "weak.crt"),
                       try objects.stringDataSecret("web-tls-string", cert: "long.crt")]
        let redacted = secrets.map { KubeObject(SnapshotRedaction.redact($0.value)) }
        let twice = redacted.map { KubeObject(SnapshotRedaction.redact($0.value)) }
        #expect(redacted == twice, "redacting a snapshot's objects again keeps the facts")
        for object in redacted {
            #expect((object.value["data"] ?? object.value["stringData"])?["tls.key"] == .null)
            #expect(object.value[DerivedCertificateFacts.field] != nil)
            let text = object.value.jsonText
            let key = try objects.base64("leaf.key")
            #expect(!text.contains("PRIVATE KEY") && !text.contains(key))
        }
        for days in [0.0, 350, 400] {
            for control in S14Certificates.controls {
                let a = evaluate(control, secrets, settings: certificateSettings(daysFromNow: days)).violations
                let b = evaluate(control, redacted, settings: certificateSettings(daysFromNow: days)).violations
                #expect(a.map(\.message) == b.map(\.message), "\(control.id) at +\(days)d")
                #expect(a.map(\.path) == b.map(\.path), "\(control.id) at +\(days)d")
                #expect(a.map(\.value) == b.map(\.value), "\(control.id) at +\(days)d")
            }
        }
        // A snapshot from before certificate facts existed: values gone, nothing to judge.
        let old = KubeObject(["apiVersion": "v1", "kind": "Secret", "type": "kubernetes.io/tls", "metadata": ["name": "old", "namespace": "web"],
                              "data": ["tls.crt": nil, "tls.key": nil]])
        #expect(evaluate(S14Certificates.expired, [old]).notAssessedReason?.contains("value not kept") == true)
    }
}

@Suite struct S11EtcdCertificatesTests {
    let objects: CertificateObjects
    init() throws { objects = CertificateObjects(pki: try TestPKI.get()) }

    func inventory(_ extra: [KubeObject]) -> [KubeObject] {
        let pods = ControlPlaneFixtures.inventory([("apiserver.yaml", ControlPlaneFixtures.kubeadmAPIServer), ("etcd.yaml", ControlPlaneFixtures.kubeadmEtcd)])
        return pods.objects + extra
    }

    @Test func etcdCAComparedByContent() throws {
        let control = S11EtcdCertificates.caReusedByContent
        let distinct = inventory([try objects.nodeFile("/etc/kubernetes/pki/ca.crt", pemOf: "ca.crt"),
                                  try objects.nodeFile("/etc/kubernetes/pki/etcd/ca.crt", pemOf: "etcd-ca.crt")])
        let pass = evaluate(control, distinct)
        #expect(pass.isPass)
        // The cluster CA copied to etcd's path: different files, same key pair.
        let copied = inventory([try objects.nodeFile("/etc/kubernetes/pki/ca.crt", pemOf: "ca.crt"),
                                try objects.nodeFile("/etc/kubernetes/pki/etcd/ca.crt", pemOf: "ca.crt")])
        let v = evaluate(control, copied).violations
        #expect(v.map(\.path) == ["--trusted-ca-file", "--etcd-cafile"])
        #expect(v.first?.value == "/etc/kubernetes/pki/etcd/ca.crt")
        #expect(v.first?.message.contains("same CA key as --client-ca-file=/etc/kubernetes/pki/ca.crt") == true)
        // Files not read (a manifest scan): not assessed, never a pass.
        #expect(evaluate(control, inventory([])).notAssessedReason?.contains("CA files not read") == true)
        #expect(evaluate(control, inventory([try objects.nodeFile("/etc/kubernetes/pki/ca.crt", pemOf: nil, error: "permission denied")]))
                    .notAssessedReason?.contains("permission denied") == true)
        #expect(evaluate(control, []).notAssessedReason != nil)
    }

    @Test func catalogHasTheNewControlsOnce() {
        let ids = ControlCatalog.all.map(\.id)
        for id in ["BW-S11-201", "BW-S14-101", "BW-S14-102", "BW-S14-103", "BW-S14-104", "BW-S14-105"] {
            #expect(ids.filter { $0 == id }.count == 1, "\(id)")
        }
    }
}
