import BulwarkModel
import BulwarkInputs

/// One answer of the API server.
public struct APIResponse: Sendable {
    public var status: Int
    public var body: [UInt8]

    /// The body as a JSON tree.
    public func json(path: String) throws(LiveError) -> Value {
        do { return try TreeParser.parse(body, json: true) } catch {
            throw LiveError(.badResponse, path: path, message: "the response is not valid JSON (\(error.description))")
        }
    }

    /// A Kubernetes `Status` body's message, for errors (never the whole body).
    public var statusMessage: String? {
        guard let value = try? TreeParser.parse(body, json: true), value["kind"]?.string == "Status" else { return nil }
        return value["message"]?.string.map { String($0.prefix(300)) }
    }
}
