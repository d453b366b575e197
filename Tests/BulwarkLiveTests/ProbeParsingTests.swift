import Foundation
import XCTest
import BulwarkModel
@testable import BulwarkProbe

/// The probe's own parsing, without a network: HTTP answers (chunked, Go's HTTPS-only refusal),
/// when an answer is whole, and the judgement of etcd's range answer.
final class ProbeParsingTests: XCTestCase {
    func testChunkedAnswerIsWholeOnlyAfterTheLastChunkAndDecodes() throws {
        let head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n"
        let partial = Array((head + "5\r\nhello\r\n").utf8)
        XCTAssertFalse(RawHTTPResponse.isComplete(partial))
        let whole = partial + Array("6\r\n world\r\n0\r\n\r\n".utf8)
        XCTAssertTrue(RawHTTPResponse.isComplete(whole))
        XCTAssertEqual(String(decoding: try XCTUnwrap(RawHTTPResponse(whole)).body, as: UTF8.self), "hello world")
    }

    func testContentLengthAndGoRefusalOfPlainHTTPOnATLSPort() throws {
        XCTAssertFalse(RawHTTPResponse.isComplete(Array("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345".utf8)))
        XCTAssertTrue(RawHTTPResponse.isComplete(Array("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n12345".utf8)))
        let go = try XCTUnwrap(RawHTTPResponse(Array("HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n".utf8)))
        XCTAssertTrue(go.isHTTPSOnlyRefusal)
        XCTAssertNil(RawHTTPResponse(Array("SSH-2.0-OpenSSH_9.2\r\n".utf8)))
    }

    func testEtcdRangeAnswerIsJudgedWithoutKeepingValues() throws {
        func kv(_ key: String, _ value: String) -> [String: Any] {
            ["key": Data(key.utf8).base64EncodedString(), "value": Data(value.utf8).base64EncodedString()]
        }
        let body = try JSONSerialization.data(withJSONObject: ["kvs": [
            kv("/registry/secrets/a/x", "k8s:enc:kms:v2:vault:\u{0}\u{1}"), kv("/registry/secrets/a/y", "PLANTED"),
            kv("/registry/secrets/b/z", "k8s:enc:aesgcm:v1:k:…"),
        ], "count": "3"])
        let result = EtcdSecretsCheck.evaluate(status: 200, body: Array(body))
        XCTAssertEqual(result, .init(sampled: 3, encrypted: 2, plainKeys: ["/registry/secrets/a/y"], providers: ["kms", "aesgcm"]))
        XCTAssertFalse("\(result)".contains("PLANTED"))

        let denied = EtcdSecretsCheck.evaluate(status: 401, body: Array(#"{"error":"etcdserver: user name is empty","code":16}"#.utf8))
        XCTAssertEqual(denied.error, "HTTP 401 from /v3/kv/range: etcdserver: user name is empty")
        XCTAssertNotNil(EtcdSecretsCheck.evaluate(status: 200, body: Array("{}".utf8)).error, "no Secret keys: not assessed")
        XCTAssertEqual(EtcdSecretsCheck.prefixEnd("/registry/secrets/"), "/registry/secrets0")
    }

    func testEtcdEndpointOptionsAreChecked() throws {
        XCTAssertThrowsError(try EtcdSecretsCheck(url: "127.0.0.1:2379", certificate: nil, key: nil, ca: nil))
        XCTAssertThrowsError(try EtcdSecretsCheck(url: "https://127.0.0.1:2379", certificate: "c.pem", key: nil, ca: nil))
        XCTAssertThrowsError(try EtcdSecretsCheck(url: "http://127.0.0.1:2379", certificate: nil, key: nil, ca: "ca.pem"))
        let ipv6 = try EtcdSecretsCheck(url: "https://[::1]:2379/", certificate: "c", key: "k", ca: "ca")
        XCTAssertEqual(ipv6.endpoint.host, "::1")
        XCTAssertEqual(ipv6.endpoint.port, 2379)
        XCTAssertTrue(ipv6.endpoint.https)
    }
}
