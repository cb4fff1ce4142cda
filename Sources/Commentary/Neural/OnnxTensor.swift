/// A tensor for `OnnxModel.run`: its shape and its elements in row-major order. The wrapper
/// carries float32 and int64, which the voice and voice-activity models take and give.
public struct OnnxTensor: Sendable, Equatable {
    public enum Elements: Sendable, Equatable {
        case float([Float])
        case int64([Int64])
    }

    /// Dimensions; empty for a scalar.
    public var shape: [Int]
    public var elements: Elements

    /// Fails with `.invalidTensor` when the element count is not the shape's product.
    public init(shape: [Int], elements: Elements) throws(OnnxError) {
        let count = shape.reduce(1, *)
        guard shape.allSatisfy({ $0 >= 0 }), count == elements.count else {
            throw OnnxError(.invalidTensor, "\(elements.count) elements do not fill shape \(shape)")
        }
        self.shape = shape
        self.elements = elements
    }

    public init(floats: [Float], shape: [Int]) throws(OnnxError) {
        try self.init(shape: shape, elements: .float(floats))
    }

    public init(int64s: [Int64], shape: [Int]) throws(OnnxError) {
        try self.init(shape: shape, elements: .int64(int64s))
    }

    /// A 0-dimensional int64 tensor (a sample rate, say).
    public static func scalar(_ value: Int64) -> OnnxTensor {
        OnnxTensor(unchecked: [], .int64([value]))
    }

    init(unchecked shape: [Int], _ elements: Elements) {
        self.shape = shape
        self.elements = elements
    }

    /// The elements when they are float32, else nil.
    public var floats: [Float]? {
        if case .float(let values) = elements { return values }
        return nil
    }

    /// The elements when they are int64, else nil.
    public var int64s: [Int64]? {
        if case .int64(let values) = elements { return values }
        return nil
    }
}

extension OnnxTensor.Elements {
    var count: Int {
        switch self {
        case .float(let values): values.count
        case .int64(let values): values.count
        }
    }
}
