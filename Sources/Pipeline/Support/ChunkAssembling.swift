public import Foundation
public import Media

/// Makes chunks; `ChunkAssembler` in production. A seam so tests can inject failures into
/// the real assembler.
public protocol ChunkAssembling: Sendable {
    func assemble(_ span: ChunkSpan, speech: [SpeechClip]) throws(MediaError) -> ChunkFiles
}

extension ChunkAssembler: ChunkAssembling {}

/// Creates the session's assembler once the video is probed (and writes the init segment).
public typealias AssemblerFactory = @Sendable (_ source: MediaSource, _ info: MediaInfo, _ directory: URL, _ mixer: DuckingMixer) throws(MediaError) -> any ChunkAssembling

public enum Assemblers {
    public static let standard: AssemblerFactory = { source, info, directory, mixer throws(MediaError) in
        let assembler = try ChunkAssembler(source: source, info: info, directory: directory, mixer: mixer)
        try assembler.writeInitSegment()
        return assembler
    }
}
