import Foundation

/// A Piper voice on disk (`NAME.onnx` beside `NAME.onnx.json`), found but not loaded.
struct PiperVoiceFiles: Sendable, Equatable {
    /// The model file's name without `.onnx`: "en_US-joe-medium".
    var id: String
    var model: URL
    var config: PiperVoiceConfig
    /// What tells this model from another with the same name: its size and modification time.
    var fingerprint: String

    /// The voice at `model`, when its `.onnx.json` is beside it and reads.
    init?(model: URL) {
        let configURL = model.appendingPathExtension("json")
        guard model.pathExtension == "onnx", let config = try? PiperVoiceConfig.load(configURL),
              let attributes = try? FileManager.default.attributesOfItem(atPath: model.path) else { return nil }
        self.id = model.deletingPathExtension().lastPathComponent
        self.model = model
        self.config = config
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        fingerprint = "\(size)-\(Int64(modified))"
    }

    var name: String { config.displayName(fallback: id) }

    /// The voices in `folder` (not its subfolders), by id.
    static func all(in folder: URL) -> [PiperVoiceFiles] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".onnx") }.sorted()
            .compactMap { PiperVoiceFiles(model: folder.appendingPathComponent($0)) }
    }
}
