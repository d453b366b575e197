/// Retries for 429 (honouring Retry-After), 5xx and broken connections, with exponential backoff.
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    /// Seconds before the first retry; doubled each time, capped at `maxDelay`.
    public var baseDelay: Double
    public var maxDelay: Double

    public init(maxAttempts: Int = 5, baseDelay: Double = 0.25, maxDelay: Double = 10) {
        self.maxAttempts = max(1, maxAttempts); self.baseDelay = baseDelay; self.maxDelay = maxDelay
    }

    /// Seconds to wait before attempt `attempt + 1`; `retryAfter` is the server's own ask.
    public func delay(afterAttempt attempt: Int, retryAfter: Double? = nil) -> Double {
        if let retryAfter { return min(max(0, retryAfter), maxDelay) }
        let exponential = baseDelay * Double(1 << min(attempt - 1, 16))
        return min(exponential, maxDelay)
    }

    public static func isRetryable(status: Int) -> Bool {
        status == 429 || status == 500 || status == 502 || status == 503 || status == 504
    }
}
