import CurlHTTP

/// Performs HTTP requests with libcurl, each on a thread of its own (never a thread of Swift's
/// cooperative pool). Cancelling the waiting task aborts the transfer: the progress callback
/// sees the flag within a second and curl stops with `CURLE_ABORTED_BY_CALLBACK`.
struct HTTPClient: Sendable {
    init() {}

    func perform(_ request: HTTPRequest) async throws(CurlError) -> HTTPResponse {
        let flag = CancellationFlag()
        let result: Result<HTTPResponse, CurlError> = await withTaskCancellationHandler {
            do throws(CurlError) {
                return .success(try await Offload.run { () throws(CurlError) in
                    try CurlTransfer(request, cancellation: flag).perform()
                })
            } catch {
                return .failure(error)
            }
        } onCancel: {
            flag.cancel()
        }
        return try result.get()
    }
}
