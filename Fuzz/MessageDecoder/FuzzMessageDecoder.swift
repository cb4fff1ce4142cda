// libFuzzer entry point over the client message decoder and the upload frame rules.
// Built with the SessionModel sources compiled into the same module by scripts/fuzz;
// not part of Package.swift. A crash, a hang or a broken invariant below is a finding.

private let rules = HelloRules(voices: ["en-us", "es"], languages: ["en", "es"])

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMessageDecoder(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    checkText(bytes)
    checkUploadFrame(bytes)
    return 0
}

/// A text frame: decoded or refused with the close code PROTOCOL.md gives it, never a crash.
private func checkText(_ bytes: [UInt8]) {
    switch ClientMessage.parse(bytes, rules: rules) {
    case .failure(let violation):
        precondition(!violation.reason.isEmpty, "a violation without a reason")
        precondition((violation.code == .tooLarge) == (bytes.count > ClientMessage.maxTextBytes), "wrong close code \(violation.code)")
    case .success(.hello(let hello)):
        precondition(bytes.count <= ClientMessage.maxTextBytes)
        switch hello.mode {
        case .start(let upload, let options):
            precondition(options.invalidOption(voices: rules.voices, languages: rules.languages) == nil, "an invalid option passed")
            precondition(upload.size.map { $0 >= 0 } ?? true, "a negative size passed")
            precondition(upload.sha256.map { $0.count == 64 } ?? true, "a bad sha256 passed")
        case .resume(let session, let token, let lastSeq):
            precondition(!session.isEmpty && !token.isEmpty && lastSeq >= 0, "a bad resume passed")
        }
    case .success(.command(let request)):
        precondition(!request.id.isEmpty, "a command without id passed")
        if case .success(.reprioritise(let interval, let at)) = SessionCommand.interpret(request) {
            precondition((interval ?? 0) >= 0 && (at ?? 0) >= 0 && (at?.isFinite ?? true), "a bad reprioritise passed")
        }
    case .success(.ping), .success(.uploadEnd):
        break
    }
}

/// A binary frame against an upload of 4096 bytes: stored only at the position asked for and
/// within the declared size, never beyond it.
private func checkUploadFrame(_ bytes: [UInt8]) {
    var upload = UploadState(declaredSize: 4096, limit: 1 << 20, chunkMax: 1024)
    let before = upload.received, position = upload.position
    switch upload.receive(frame: bytes) {
    case .store(let offset, let payload, _):
        let count = payload.count
        precondition(offset == position && payload == UploadFrame.headerSize..<bytes.count && count > 0 && count <= 1024, "a bad store")
        precondition(offset + Int64(count) <= 4096 && upload.received.count <= 4096, "stored past the declared size")
    case .nack(let expected):
        precondition(expected == position && upload.received == before, "a nack moved the upload")
    case .close(let violation):
        precondition(upload.received == before && !violation.reason.isEmpty, "a close moved the upload")
    }
    _ = upload.stored(upTo: upload.received.prefix)
}
