import Foundation
import BulwarkModel
import BulwarkCertificates
import BulwarkComponentConfig

/// One place in the input that holds certificates, and what could be read there.
struct CertificateSite {
    enum Reading {
        /// The certificates found (at least one).
        case read([CertificateFacts])
        /// Data is there but is not a readable certificate (truncated PEM, a key, garbage).
        case unreadable(String)
        /// The data is not in the input (a snapshot without certificate facts, a node file not read).
        case unavailable(String)
    }

    var object: KubeObject
    /// Where the certificate is written in the object (`data["tls.crt"]`, `webhooks[0].clientConfig.caBundle`).
    var path: FieldPath
    var reading: Reading

    /// `Secret/web/tls data["tls.crt"]`, for messages.
    var label: String { "\(object.reference.displayName) \(path)" }

    var certificates: [CertificateFacts] {
        if case .read(let facts) = reading { return facts }
        return []
    }
}

/// Every certificate the input holds: TLS Secrets (`tls.crt`, `ca.crt`: their values in manifests,
/// the facts redaction kept in live scans and snapshots), admission webhook and CRD conversion
/// `caBundle`s, APIService `caBundle`s, kubeconfig `certificate-authority-data` and
/// `client-certificate-data`, and node certificate files (`NodeFile`, role `certificate`).
/// Private keys (`tls.key`, `client-key-data`, key files) are never read.
enum CertificateSites {
    static let searched = "TLS Secrets (tls.crt, ca.crt), webhook and APIService caBundles, kubeconfig certificate data, node certificate files"

    static func all(in inventory: Inventory) -> [CertificateSite] {
        secrets(inventory) + webhookBundles(inventory) + apiServiceBundles(inventory) + conversionBundles(inventory)
            + kubeconfigs(inventory) + nodeFiles(inventory)
    }

    static func reading(_ read: () throws(CertificateError) -> [CertificateFacts]) -> CertificateSite.Reading {
        do throws(CertificateError) {
            return .read(try read())
        } catch {
            return .unreadable(error.description)
        }
    }

    static func secrets(_ inventory: Inventory) -> [CertificateSite] {
        var sites: [CertificateSite] = []
        for secret in inventory.objects(ofKind: "Secret") {
            for key in DerivedCertificateFacts.secretKeys {
                if let text = secret.value["stringData"]?[key]?.string {
                    sites.append(CertificateSite(object: secret, path: FieldPath("stringData").appending(key),
                                                 reading: reading { () throws(CertificateError) in try CertificateReader.certificates(inText: text) }))
                    continue
                }
                // A redacted `stringData` value keeps its key, so the finding names the field the manifest used.
                let inData = secret.value["data"]?.mapping?.keys.contains(key) == true
                let inStringData = secret.value["stringData"]?.mapping?.keys.contains(key) == true
                let path = FieldPath(inStringData && !inData ? "stringData" : "data").appending(key)
                if let encoded = secret.value["data"]?[key]?.string {
                    sites.append(CertificateSite(object: secret, path: path,
                                                 reading: reading { () throws(CertificateError) in try CertificateReader.certificates(inBase64: encoded) }))
                } else if let derived = DerivedCertificateFacts.read(secret.value, key: key) {
                    switch derived {
                    case .success(let facts) where !facts.isEmpty: sites.append(CertificateSite(object: secret, path: path, reading: .read(facts)))
                    case .success: sites.append(CertificateSite(object: secret, path: path, reading: .unreadable("no certificate")))
                    case .failure(let error): sites.append(CertificateSite(object: secret, path: path, reading: .unreadable(error.message)))
                    }
                } else if inData || inStringData {
                    sites.append(CertificateSite(object: secret, path: path, reading: .unavailable(
                        "\(secret.reference.displayName) \(path): value not kept and no \(DerivedCertificateFacts.field) facts (snapshot from an older Bulwark?)")))
                }
            }
        }
        return sites
    }

    static func bundle(_ object: KubeObject, _ path: FieldPath) -> CertificateSite? {
        guard let value = object.value.value(at: path), let encoded = value.string, !encoded.isEmpty else { return nil }
        if let filler = placeholderFiller(object, encoded) {
            return CertificateSite(object: object, path: path, reading: .unavailable(
                "\(object.reference.displayName) \(path): a placeholder, filled in the cluster by \(filler)"))
        }
        return CertificateSite(object: object, path: path,
                               reading: reading { () throws(CertificateError) in try CertificateReader.certificates(inBase64: encoded) })
    }

    /// Annotations asking an injector to write the caBundle once the object is in the cluster.
    static let caInjectionAnnotations: [(String, String)] = [
        ("cert-manager.io/inject-ca-from", "cert-manager's CA injector"),
        ("cert-manager.io/inject-ca-from-secret", "cert-manager's CA injector"),
        ("cert-manager.io/inject-apiserver-ca", "cert-manager's CA injector"),
        ("service.beta.openshift.io/inject-cabundle", "OpenShift's service CA operator"),
    ]

    /// Who fills a caBundle that holds no certificate yet, or nil when the value is meant to be
    /// one. A placeholder is whitespace once decoded (`Cg==`, the common "\n"), a template
    /// variable (`${CA_BUNDLE}`, `{{ .CABundle }}`, `<ca-bundle>`, `CA_BUNDLE`), or anything
    /// unreadable on an object annotated for CA injection. A real but broken bundle stays a finding.
    static func placeholderFiller(_ object: KubeObject, _ encoded: String) -> String? {
        let annotations = object.value.value(at: "metadata.annotations")?.mapping
        let injector = caInjectionAnnotations.first { annotations?.keys.contains($0.0) == true }?.1
        let trimmed = encoded.trimmingCharacters(in: .whitespacesAndNewlines)
        if let decoded = Data(base64Encoded: trimmed, options: .ignoreUnknownCharacters),
           String(decoding: decoded, as: UTF8.self).allSatisfy(\.isWhitespace) {
            return injector ?? "whatever installs it (the manifest ships an empty bundle)"
        }
        let isTemplate = trimmed.contains("${") || trimmed.contains("{{") || (trimmed.hasPrefix("<") && trimmed.hasSuffix(">"))
            || (trimmed.count <= 64 && trimmed.allSatisfy { $0.isUppercase || $0 == "_" || $0.isNumber } && trimmed.contains("_"))
        if isTemplate { return injector ?? "the install step that substitutes \(trimmed)" }
        if let injector, (try? CertificateReader.certificates(inBase64: encoded))?.isEmpty != false { return injector }
        return nil
    }

    static func webhookBundles(_ inventory: Inventory) -> [CertificateSite] {
        (inventory.objects(ofKind: "ValidatingWebhookConfiguration") + inventory.objects(ofKind: "MutatingWebhookConfiguration")).flatMap { object in
            (object.value["webhooks"]?.array ?? []).indices.compactMap { i in
                bundle(object, FieldPath("webhooks").appending(index: i).appending("clientConfig").appending("caBundle"))
            }
        }
    }

    static func apiServiceBundles(_ inventory: Inventory) -> [CertificateSite] {
        inventory.objects(ofKind: "APIService").compactMap { bundle($0, FieldPath("spec.caBundle")) }
    }

    static func conversionBundles(_ inventory: Inventory) -> [CertificateSite] {
        inventory.objects(ofKind: "CustomResourceDefinition").compactMap { bundle($0, FieldPath("spec.conversion.webhook.clientConfig.caBundle")) }
    }

    static func kubeconfigs(_ inventory: Inventory) -> [CertificateSite] {
        inventory.objects(ofKind: "Config").filter { $0.apiVersion == "v1" || $0.apiVersion.isEmpty }.flatMap { object in
            let config = Kubeconfig(object)
            return config.clusters.compactMap { bundle(object, $0.path.appending("certificate-authority-data")) }
                + config.users.compactMap { bundle(object, $0.path.appending("client-certificate-data")) }
        }
    }

    static func nodeFiles(_ inventory: Inventory) -> [CertificateSite] {
        inventory.objects(ofKind: "NodeFile").filter { $0.value["role"]?.string == "certificate" }.map { file in
            nodeFileSite(file)
        }
    }

    static func nodeFileSite(_ file: KubeObject) -> CertificateSite {
        let path = FieldPath("certificatesPEM")
        if let pem = file.value["certificatesPEM"]?.string, !pem.isEmpty {
            return CertificateSite(object: file, path: path, reading: reading { () throws(CertificateError) in try CertificateReader.certificates(inPEM: pem) })
        }
        let name = file.value["path"]?.string ?? file.name
        if let error = file.value["error"]?.string {
            // The node reader could open the file but found no PEM certificate in it: bad data, not missing data.
            if error.lowercased().contains("pem") || error.lowercased().contains("certificate") {
                return CertificateSite(object: file, path: path, reading: .unreadable(error))
            }
            return CertificateSite(object: file, path: path, reading: .unavailable("\(name): \(error)"))
        }
        return CertificateSite(object: file, path: path, reading: .unavailable("\(name): no certificatesPEM recorded"))
    }

    /// The certificates of the node file at `path` (as the component flag names it): nil when no
    /// NodeFile of that path is in the input, else what could be read.
    static func nodeFile(atPath path: String, in inventory: Inventory) -> CertificateSite? {
        inventory.objects(ofKind: "NodeFile").first { ($0.value["path"]?.string ?? $0.name) == path }.map(nodeFileSite)
    }
}

extension CertificateFacts {
    /// `CN=kube-apiserver (issuer CN=kubernetes, serial 1A2B)`, for findings.
    var summaryForFinding: String { "\(subject.isEmpty ? "(empty subject)" : subject) (issuer \(issuer), serial \(serialNumber))" }
}
