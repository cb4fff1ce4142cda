internal import COnnxRuntime
public import Foundation

/// One ONNX model loaded into an ONNX Runtime session, run with named tensors.
///
/// Loading and running are blocking, CPU-bound calls: make them off Swift's cooperative pool
/// (`Offload.run`). One model may run on several threads at once (ONNX Runtime's sessions take
/// concurrent `Run` calls), so a process loads a model once and shares it.
///
/// `@unchecked Sendable`: `session` is set in `init` and freed only in `deinit`, when no call
/// can be running; the names are constants.
public final class OnnxModel: @unchecked Sendable {
    public let file: URL
    /// The model's input and output names, in the model's order.
    public let inputNames: [String]
    public let outputNames: [String]
    public let runtime: OnnxRuntime
    private let session: OpaquePointer

    /// Loads the model at `file`. `intraOpThreads` is how many threads one run may use (1: the
    /// calling thread only, the right choice when runs go in parallel); `memoryArena` false
    /// gives a run's memory back when it ends, true keeps it for the next run (faster, larger).
    public init(runtime: OnnxRuntime, file: URL, intraOpThreads: Int = 1, memoryArena: Bool = false) throws(OnnxError) {
        guard FileManager.default.isReadableFile(atPath: file.path) else {
            throw OnnxError(.invalidModel, "no model file at \(file.path)")
        }
        var session: OpaquePointer?
        try OnnxRuntime.shim { message in
            COnnxRuntime_createSession(runtime.env, file.path, Int32(max(1, intraOpThreads)), memoryArena ? 1 : 0, &session, &message)
        }
        guard let session else { throw OnnxError(.invalidModel, "ONNX Runtime gave no session for \(file.path)") }
        do throws(OnnxError) {
            inputNames = try Self.names(session, output: false)
            outputNames = try Self.names(session, output: true)
        } catch {
            COnnxRuntime_releaseSession(session)
            throw error
        }
        self.session = session
        self.file = file
        self.runtime = runtime
    }

    deinit { COnnxRuntime_releaseSession(session) }

    /// Runs the model on `inputs` (by input name) and returns the `outputs` asked for (all of
    /// them when empty), by name. Fails with `.invalidTensor` for a name the model does not
    /// have or an output of an element type other than float32 and int64.
    public func run(inputs: [String: OnnxTensor], outputs: [String] = []) throws(OnnxError) -> [String: OnnxTensor] {
        let wanted = outputs.isEmpty ? outputNames : outputs
        if let unknown = inputs.keys.first(where: { !inputNames.contains($0) }) {
            throw OnnxError(.invalidTensor, "the model has no input '\(unknown)' (inputs: \(inputNames.joined(separator: ", ")))")
        }
        if let unknown = wanted.first(where: { !outputNames.contains($0) }) {
            throw OnnxError(.invalidTensor, "the model has no output '\(unknown)' (outputs: \(outputNames.joined(separator: ", ")))")
        }
        let named = inputs.sorted { $0.key < $1.key }
        let inputValues = OwnedValues()
        for (_, tensor) in named { try inputValues.append(tensor) }
        let inputNameStrings = CStrings(named.map(\.key))
        let outputNameStrings = CStrings(wanted)
        var results = [OpaquePointer?](repeating: nil, count: wanted.count)
        defer { results.forEach { COnnxRuntime_releaseValue($0) } }
        try OnnxRuntime.shim { message in
            inputNameStrings.withPointers { inNames in
                outputNameStrings.withPointers { outNames in
                    inputValues.values.withUnsafeBufferPointer { values in
                        COnnxRuntime_run(session, inNames, values.baseAddress, values.count, outNames, wanted.count, &results, &message)
                    }
                }
            }
        }
        var out: [String: OnnxTensor] = [:]
        for (name, value) in zip(wanted, results) {
            guard let value else { throw OnnxError(.invalidTensor, "the model gave no value for '\(name)'") }
            out[name] = try Self.tensor(value, name: name)
        }
        return out
    }

    private static func names(_ session: OpaquePointer, output: Bool) throws(OnnxError) -> [String] {
        var count = 0
        try OnnxRuntime.shim { message in
            output ? COnnxRuntime_outputCount(session, &count, &message) : COnnxRuntime_inputCount(session, &count, &message)
        }
        var names: [String] = []
        for index in 0..<count {
            var name: UnsafeMutablePointer<CChar>?
            try OnnxRuntime.shim { message in
                output ? COnnxRuntime_outputName(session, index, &name, &message) : COnnxRuntime_inputName(session, index, &name, &message)
            }
            names.append(name.map { String(cString: $0) } ?? "")
            free(name)
        }
        return names
    }

    private static func tensor(_ value: OpaquePointer, name: String) throws(OnnxError) -> OnnxTensor {
        var type: Int32 = 0, rank = 0, count = 0
        var dims = [Int64](repeating: 0, count: 16)
        try OnnxRuntime.shim { message in COnnxRuntime_tensorInfo(value, &type, &dims, dims.count, &rank, &count, &message) }
        guard rank <= dims.count else { throw OnnxError(.invalidTensor, "output '\(name)' has \(rank) dimensions") }
        var data: UnsafeMutableRawPointer?
        try OnnxRuntime.shim { message in COnnxRuntime_tensorData(value, &data, &message) }
        let shape = dims.prefix(rank).map { Int($0) }
        guard let data else { return OnnxTensor(unchecked: shape, type == COnnxRuntime_INT64 ? .int64([]) : .float([])) }
        switch type {
        case COnnxRuntime_FLOAT:
            return OnnxTensor(unchecked: shape, .float(Array(UnsafeBufferPointer(start: data.assumingMemoryBound(to: Float.self), count: count))))
        case COnnxRuntime_INT64:
            return OnnxTensor(unchecked: shape, .int64(Array(UnsafeBufferPointer(start: data.assumingMemoryBound(to: Int64.self), count: count))))
        default:
            throw OnnxError(.invalidTensor, "output '\(name)' has element type \(type); the wrapper reads float32 and int64")
        }
    }
}

/// Input values and the buffers they point into, freed together when the run is over.
private final class OwnedValues {
    private(set) var values: [OpaquePointer?] = []
    private var buffers: [UnsafeMutableRawPointer] = []

    func append(_ tensor: OnnxTensor) throws(OnnxError) {
        let (bytes, type): (Int, Int32) = switch tensor.elements {
        case .float(let values): (values.count * MemoryLayout<Float>.stride, COnnxRuntime_FLOAT)
        case .int64(let values): (values.count * MemoryLayout<Int64>.stride, COnnxRuntime_INT64)
        }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(bytes, 8), alignment: 16)
        buffers.append(buffer)
        func copy(_ bytes: UnsafeRawBufferPointer) {
            if let source = bytes.baseAddress, bytes.count > 0 { buffer.copyMemory(from: source, byteCount: bytes.count) }
        }
        switch tensor.elements {
        case .float(let values): values.withUnsafeBytes(copy)
        case .int64(let values): values.withUnsafeBytes(copy)
        }
        let shape = tensor.shape.map { Int64($0) }
        var value: OpaquePointer?
        try OnnxRuntime.shim { message in COnnxRuntime_createTensor(buffer, bytes, shape, shape.count, type, &value, &message) }
        values.append(value)
    }

    deinit {
        values.forEach { COnnxRuntime_releaseValue($0) }
        buffers.forEach { $0.deallocate() }
    }
}

/// NUL-terminated copies of strings, alive as long as this is.
private final class CStrings {
    private let pointers: [UnsafeMutablePointer<CChar>?]

    init(_ strings: [String]) { pointers = strings.map { strdup($0) } }

    func withPointers<T>(_ body: (UnsafePointer<UnsafePointer<CChar>?>) -> T) -> T {
        // One spare slot, so the buffer is never empty and always has an address.
        let constant = pointers.map { UnsafePointer($0) } + [nil]
        return constant.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    deinit { pointers.forEach { free($0) } }
}
