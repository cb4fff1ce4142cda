/// A failure of ONNX Runtime or of this wrapper, with the runtime's message.
public struct OnnxError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// The library is absent, cannot be opened, or is not ONNX Runtime.
        case libraryUnavailable
        /// The runtime is older than the API version this wrapper declares.
        case unsupportedVersion
        /// A model file is missing or is no valid model.
        case invalidModel
        /// A tensor does not fit its shape, has an element type the wrapper does not carry, or
        /// is not among the model's inputs or outputs.
        case invalidTensor
        /// The runtime refused the call or failed running the model (its code, an OrtErrorCode).
        case runtime(code: Int32)
    }

    public var reason: Reason
    public var message: String

    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    /// From a shim call's code: OrtErrorCode values 3 (NO_SUCHFILE), 4 (NO_MODEL) and 7
    /// (INVALID_PROTOBUF) are a bad model; negative ones are the shim's own.
    init(code: Int32, message: String) {
        switch code {
        case -1, -3: self.init(.libraryUnavailable, message)
        case -2: self.init(.unsupportedVersion, message)
        case 3, 4, 7: self.init(.invalidModel, message)
        default: self.init(.runtime(code: code), message)
        }
    }

    public var description: String { message }
}
