internal import CCrypto
public import SessionModel

/// SHA-256 from OpenSSL's libcrypto, incremental: uploads are hashed as their bytes are
/// stored, resume tokens are kept only as their hash. A value: a copy hashes on by itself.
public struct SHA256: Sendable {
    private var context = DigestContext()

    public init() {}

    public mutating func update<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        if !isKnownUniquelyReferenced(&context) { context = context.copy() }
        let done = bytes.withContiguousStorageIfAvailable { context.update($0) }
        if done == nil { Array(bytes).withUnsafeBufferPointer { context.update($0) } }
    }

    /// The digest of the bytes so far (the hasher can go on).
    public func finalize() -> [UInt8] { context.copy().finish() }

    public static func hash<Bytes: Collection>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    public static func hex<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        hexString(hash(bytes))
    }
}

/// The one owner of an `EVP_MD_CTX`. `@unchecked Sendable`: a `SHA256` copies it before it
/// writes when the context is shared, so only one value ever writes to it, on its own thread.
private final class DigestContext: @unchecked Sendable {
    private let context: OpaquePointer

    init() {
        guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            fatalError("libcrypto cannot make a SHA-256 context (out of memory)")
        }
        self.context = context
    }

    private init(copying other: OpaquePointer) {
        guard let context = EVP_MD_CTX_new(), EVP_MD_CTX_copy_ex(context, other) == 1 else {
            fatalError("libcrypto cannot copy a SHA-256 context (out of memory)")
        }
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    func copy() -> DigestContext { DigestContext(copying: context) }

    func update(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        EVP_DigestUpdate(context, base, bytes.count)
    }

    /// Ends this context's digest (use it on a copy).
    func finish() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &digest, &length)
        return Array(digest.prefix(Int(length)))
    }
}
