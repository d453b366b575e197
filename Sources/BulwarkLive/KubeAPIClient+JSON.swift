import BulwarkModel

extension KubeAPIClient {
    /// GET that must answer 200 with JSON; any other status is an error naming the path.
    func getOK(_ path: String) async throws(LiveError) -> Value {
        let response = try await get(path)
        switch response.status {
        case 200: return try response.json(path: path)
        case 403: throw LiveError(.forbidden, path: path, message: "403 Forbidden\(response.statusMessage.map { ": " + $0 } ?? "")")
        default: throw LiveError(.status(response.status), path: path, message: "HTTP \(response.status)\(response.statusMessage.map { ": " + $0 } ?? "")")
        }
    }
}
