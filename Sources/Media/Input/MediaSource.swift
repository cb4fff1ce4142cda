public import Foundation

/// A video to read: a file, and while it is still being written (an upload), how much of it
/// is there. Every reader of the source is given both, so one that reaches bytes not yet
/// stored waits for them instead of taking the end of what is stored for the end of the file.
public struct MediaSource: Sendable {
    public var url: URL
    /// Set while the file is still arriving; nil for a finished file.
    public var growing: UploadProgress?

    public init(_ url: URL, growing: UploadProgress? = nil) {
        self.url = url
        self.growing = growing
    }

    public var path: String { url.path }
}
