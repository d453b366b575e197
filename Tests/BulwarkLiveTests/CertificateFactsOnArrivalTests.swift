import Foundation
import XCTest
import BulwarkModel
import BulwarkInputs
@testable import BulwarkLive

/// A TLS Secret listed from the API keeps its certificate's public facts, never its values: the
/// collector's redaction reads `tls.crt` and `ca.crt` in memory, then drops every value.
final class CertificateFactsOnArrivalTests: XCTestCase {
    func testListedTLSSecretKeepsFactsNotValues() throws {
        let certs = try TestCertificates.shared.get()
        let item: Value = [
            "metadata": ["name": "web-tls", "namespace": "shop"],
            "type": "kubernetes.io/tls",
            "data": ["tls.crt": .string(try certs.base64(certs.serverCert)), "tls.key": .string(try certs.base64(certs.serverKey)),
                     "ca.crt": .string(try certs.base64(certs.caCert))],
        ]
        let secrets = ResourceType(group: "", version: "v1", resource: "secrets", kind: "Secret", namespaced: true)
        let object = ResourceLister.object(item, type: secrets)
        XCTAssertEqual(object["kind"]?.string, "Secret")
        XCTAssertEqual(object["data"]?["tls.key"], .null)
        XCTAssertEqual(object["data"]?["tls.crt"], .null)
        let facts = try XCTUnwrap(object["bulwark.io/certificates"])
        XCTAssertEqual(facts["tls.crt"]?["certificates"]?[0]?["subject"]?.string, "CN=127.0.0.1")
        XCTAssertEqual(facts["tls.crt"]?["certificates"]?[0]?["subjectAlternativeNames"]?[0]?.string, "IP:127.0.0.1")
        XCTAssertEqual(facts["ca.crt"]?["certificates"]?[0]?["isCA"]?.bool, true)
        XCTAssertNil(facts["tls.key"])
        let text = object.jsonText
        XCTAssertFalse(text.contains(try certs.base64(certs.serverKey).prefix(40)))
        XCTAssertFalse(text.contains("PRIVATE KEY"))
        XCTAssertFalse(text.contains(try certs.base64(certs.serverCert).prefix(40)), "the certificate's text is not kept either")
    }
}
