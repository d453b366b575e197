import BulwarkTestPKI
import Foundation
import BulwarkModel
import Testing
@testable import BulwarkCertificates

@Suite struct CertificateReaderTests {
    @Test func leafFactsMatchOpenSSL() throws {
        let pki = try TestPKI.get()
        let facts = try CertificateReader.certificates(inPEM: try pki.pem("leaf.crt"))
        #expect(facts.count == 1)
        let leaf = try #require(facts.first)
        #expect(leaf.subject == "CN=web,O=example")
        #expect(leaf.issuer == "CN=kubernetes")
        #expect(leaf.displayName == "web")
        #expect(leaf.serialNumber == "0A0B0C")
        #expect(leaf.isCA == false)
        #expect(leaf.isSelfSigned == false)
        #expect(leaf.publicKey == PublicKeyFacts(algorithm: .rsa, bits: 2048))
        #expect(leaf.signatureAlgorithm.name == "sha256WithRSAEncryption")
        #expect(!leaf.signatureAlgorithm.hasBrokenDigest)
        #expect(leaf.subjectAlternativeNames == ["DNS:web.example.com", "IP:10.0.0.1"])
        #expect(leaf.keyUsages == ["digitalSignature", "keyEncipherment"])
        #expect(leaf.extendedKeyUsages == ["serverAuth"])
        #expect(abs(leaf.lifetime - 365 * 86_400) < 5)

        // Dates and key fingerprint as openssl computes them.
        let end = try pki.shell("openssl x509 -in leaf.crt -noout -enddate -dateopt iso_8601").trimmingCharacters(in: .whitespacesAndNewlines)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
        let expected = try #require(formatter.date(from: String(end.dropFirst("notAfter=".count).dropLast())))
        #expect(leaf.notAfter == expected)
        let fingerprint = try pki.shell("openssl x509 -in leaf.crt -noout -pubkey | openssl pkey -pubin -outform DER | sha256sum | cut -d' ' -f1")
        #expect(leaf.publicKeySHA256 == fingerprint.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test func caAndKeyKinds() throws {
        let pki = try TestPKI.get()
        let ca = try #require(try CertificateReader.certificates(inPEM: try pki.pem("ca.crt")).first)
        #expect(ca.isCA && ca.isSelfSigned)
        #expect(ca.keyUsages == ["keyCertSign", "cRLSign"])
        let etcd = try #require(try CertificateReader.certificates(inPEM: try pki.pem("etcd-ca.crt")).first)
        #expect(etcd.publicKey == PublicKeyFacts(algorithm: .ecdsa, bits: 256, curve: "P-256"))
        #expect(etcd.signatureAlgorithm.name == "ecdsa-with-SHA256")
        #expect(etcd.publicKeySHA256 != ca.publicKeySHA256)
        let ed = try #require(try CertificateReader.certificates(inPEM: try pki.pem("ed.crt")).first)
        #expect(ed.publicKey.algorithm == .ed25519)
        #expect(ed.signatureAlgorithm.name == "Ed25519")
    }

    /// swift-certificates' own `Certificate` refuses these keys; Bulwark must still read them to report them.
    @Test func weakKeysAreRead() throws {
        let pki = try TestPKI.get()
        let weak = try #require(try CertificateReader.certificates(inPEM: try pki.pem("weak.crt")).first)
        #expect(weak.publicKey == PublicKeyFacts(algorithm: .rsa, bits: 1024))
        #expect(weak.signatureAlgorithm.name == "sha1WithRSAEncryption")
        #expect(weak.signatureAlgorithm.hasBrokenDigest)
        let p192 = try #require(try CertificateReader.certificates(inPEM: try pki.pem("p192.crt")).first)
        #expect(p192.publicKey == PublicKeyFacts(algorithm: .ecdsa, bits: 192, curve: "P-192"))
    }

    @Test func everyInputForm() throws {
        let pki = try TestPKI.get()
        let pem = try pki.pem("leaf.crt")
        let base64OfPEM = Data(pem.utf8).base64EncodedString()
        let der = try pki.bytes("leaf.der")
        let viaPEM = try CertificateReader.certificates(inText: pem)
        #expect(try CertificateReader.certificates(inBase64: base64OfPEM) == viaPEM)
        #expect(try CertificateReader.certificates(inText: base64OfPEM) == viaPEM)
        #expect(try CertificateReader.certificates(inBytes: der) == viaPEM)
        #expect(try CertificateReader.certificates(inBase64: Data(der).base64EncodedString()) == viaPEM)
        // A bundle with text around the blocks, as `openssl x509 -text` writes it.
        let bundle = "Certificate:\n    Data: ...\n" + (try pki.pem("bundle.crt"))
        let both = try CertificateReader.certificates(inPEM: bundle)
        #expect(both.map(\.subject) == ["CN=kubernetes", "CN=etcd-ca"])
        // A key next to the certificate (a combined PEM file) is skipped, never decoded.
        let combined = try CertificateReader.certificates(inPEM: (try pki.pem("leaf.key")) + pem)
        #expect(combined == viaPEM)
    }

    @Test func valueRoundTrip() throws {
        let pki = try TestPKI.get()
        for name in ["leaf.crt", "ca.crt", "etcd-ca.crt", "weak.crt", "ed.crt", "p192.crt"] {
            let facts = try #require(try CertificateReader.certificates(inPEM: try pki.pem(name)).first)
            #expect(CertificateFacts(value: facts.value) == facts, "\(name)")
        }
        #expect(CertificateFacts(value: ["subject": "CN=x"]) == nil)
    }

    @Test func badInputGivesTypedErrors() throws {
        let pki = try TestPKI.get()
        let pem = try pki.pem("leaf.crt")
        func kind(_ body: () throws(CertificateError) -> [CertificateFacts]) -> CertificateError? {
            do throws(CertificateError) { _ = try body(); return nil } catch { return error }
        }
        // Truncated: the END line is gone.
        let lines = pem.split(separator: "\n")
        let truncated = lines.prefix(lines.count / 2).joined(separator: "\n")
        let t = kind { () throws(CertificateError) in try CertificateReader.certificates(inPEM: truncated) }
        #expect(t?.kind == .truncatedPEM)
        #expect(t?.line == 1)
        // A body cut short but with its END line: the DER is incomplete.
        let cut = lines.prefix(8).joined(separator: "\n") + "\n-----END CERTIFICATE-----\n"
        if case .malformedCertificate? = kind({ () throws(CertificateError) in try CertificateReader.certificates(inPEM: cut) })?.kind {} else {
            Issue.record("a cut DER body should be malformed")
        }
        #expect(kind { () throws(CertificateError) in try CertificateReader.certificates(inText: "hello, world") }?.kind == .notCertificateData)
        #expect(kind { () throws(CertificateError) in try CertificateReader.certificates(inBase64: "!!not base64!!") }?.kind == .badBase64)
        #expect(kind { () throws(CertificateError) in try CertificateReader.certificates(inText: "  \n") }?.kind == .empty)
        #expect(kind { () throws(CertificateError) in try CertificateReader.certificates(inBytes: [0x30, 0x82, 0x01]) } != nil)
        let bad64 = "-----BEGIN CERTIFICATE-----\n@@@@\n-----END CERTIFICATE-----\n"
        #expect(kind { () throws(CertificateError) in try CertificateReader.certificates(inPEM: bad64) }?.kind == .badBase64)
        // A private key where a certificate belongs: an error that does not repeat the key.
        let key = try pki.pem("leaf.key")
        let k = try #require(kind { () throws(CertificateError) in try CertificateReader.certificates(inText: key) })
        #expect(k.kind == .privateKeyInsteadOfCertificate)
        let keyBody = key.split(separator: "\n")[1]
        #expect(!k.within("Secret/a/b").description.contains(keyBody))
        #expect(k.within("Secret/a/b").description.hasPrefix("Secret/a/b"))
        let csr = try pki.pem("leaf.csr")
        #expect(kind { () throws(CertificateError) in try CertificateReader.certificates(inPEM: csr) }?.kind == .noCertificate(labels: ["CERTIFICATE REQUEST"]))
        // Random bytes never crash.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let junk = [0x30] + (0..<Int.random(in: 1...64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = kind { () throws(CertificateError) in try CertificateReader.certificates(inBytes: junk) }
        }
    }

    @Test func derivedFactsForASecret() throws {
        let pki = try TestPKI.get()
        let leaf = Data(try pki.pem("leaf.crt").utf8).base64EncodedString()
        let secret: Value = ["kind": "Secret", "type": "kubernetes.io/tls",
                                         "data": ["tls.crt": .string(leaf), "tls.key": .string(Data(try pki.pem("leaf.key").utf8).base64EncodedString()),
                                                  "ca.crt": "bm90IGEgY2VydA=="]]
        let derived = try #require(DerivedCertificateFacts.derive(fromSecret: secret))
        #expect(derived.mapping?.keys == ["tls.crt", "ca.crt"])
        var withField = secret.mapping!
        withField.set(DerivedCertificateFacts.field, derived)
        let read = try #require(DerivedCertificateFacts.read(.mapping(withField), key: "tls.crt"))
        #expect(try read.get().first?.subject == "CN=web,O=example")
        if case .failure(let e)? = DerivedCertificateFacts.read(.mapping(withField), key: "ca.crt") {
            #expect(e.message.contains("not PEM"))
        } else { Issue.record("ca.crt should record its error") }
        #expect(DerivedCertificateFacts.read(.mapping(withField), key: "tls.key") == nil)
        #expect(DerivedCertificateFacts.derive(fromSecret: ["kind": "Secret", "data": ["password": "eA=="]]) == nil)
    }

    @Test func civilTimeAgreesWithFoundation() {
        var generator = SystemRandomNumberGenerator()
        let samples: [TimeInterval] = [0, 951_782_400, 951_868_799, -2_208_988_800, 4_102_444_800, 1_767_225_600, 253_402_300_799]
            + (0..<500).map { _ in TimeInterval(Int.random(in: -2_000_000_000...4_000_000_000, using: &generator)) }
        for t in samples {
            let date = Date(timeIntervalSince1970: t)
            #expect(CivilTime.format(date) == RFC3339.format(date), "\(t)")
            #expect(CivilTime.parse(CivilTime.format(date)) == date, "\(t)")
        }
        #expect(CivilTime.parse("2026-01-01T00:00:00.5Z") == RFC3339.parse("2026-01-01T00:00:00.5Z"))
        #expect(CivilTime.parse("2026-13-01T00:00:0xZ") == nil)
    }
}
