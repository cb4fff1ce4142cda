public import Foundation
public import SessionModel

/// Every sport pack there is: the JSON files under `Packs/<language>/` (a SwiftPM resource of
/// this module). Adding a sport or a language is adding a file; the sports and languages
/// offered follow from the files.
public struct SportCatalog: Sendable {
    /// The packs this build ships. A pack that does not load is a build mistake the tests
    /// catch (`SportPackTests`), so it stops the program with the file's name.
    public static let shipped: SportCatalog = {
        guard let folder = packsFolder else {
            fatalError("the Commentary module's Packs folder is missing from its resource bundle")
        }
        do {
            return try SportCatalog(folder: folder)
        } catch {
            fatalError("sport packs: \(error)")
        }
    }()

    /// The shipped packs' folder in this module's resource bundle.
    static var packsFolder: URL? { Bundle.module.url(forResource: "Packs", withExtension: nil) }

    /// Language → sport id → pack.
    private let packs: [String: [String: SportPack]]
    /// Alias or id → id.
    private let names: [String: String]
    /// Sport ids: the default first, then by name, `generic` last.
    public let sports: [String]
    /// Languages with a generic pack (every sport can be written in them).
    public let languages: [String]

    /// Loads `folder/<language>/<sport>.json`.
    public init(folder: URL) throws {
        let manager = FileManager.default
        var files: [PackFile] = []
        let decoder = JSONDecoder()
        for language in try manager.contentsOfDirectory(atPath: folder.path).sorted() {
            let directory = folder.appendingPathComponent(language)
            guard let entries = try? manager.contentsOfDirectory(atPath: directory.path) else { continue }
            for entry in entries.sorted() where entry.hasSuffix(".json") {
                let url = directory.appendingPathComponent(entry)
                do {
                    files.append(try decoder.decode(PackFile.self, from: Data(contentsOf: url)))
                } catch {
                    throw SportPack.Problem(description: "\(language)/\(entry): \(error)")
                }
            }
        }
        try self.init(files: files)
    }

    init(files: [PackFile]) throws {
        var generic: [String: PackFile] = [:]
        for file in files where file.id == Sport.generic.rawValue { generic[file.language] = file }
        var packs: [String: [String: SportPack]] = [:]
        var names: [String: String] = [:]
        for file in files {
            let base = file.id == Sport.generic.rawValue ? nil : generic[file.language]
            if file.id != Sport.generic.rawValue, base == nil, file.extends != nil {
                throw SportPack.Problem(description: "\(file.language)/\(file.id) extends generic, but \(file.language) has no generic pack")
            }
            packs[file.language, default: [:]][file.id] = try SportPack(file: file, base: base)
            names[file.id] = file.id
            for alias in file.aliases ?? [] { names[Sport(rawValue: alias).rawValue] = file.id }
        }
        self.packs = packs
        self.names = names
        languages = generic.keys.sorted()
        let ids = Set(names.values).subtracting([Sport.soccer.rawValue, Sport.generic.rawValue]).sorted()
        sports = (names.values.contains(Sport.soccer.rawValue) ? [Sport.soccer.rawValue] : []) + ids
            + (names.values.contains(Sport.generic.rawValue) ? [Sport.generic.rawValue] : [])
    }

    /// Every name a session may give: the ids and the aliases.
    public var acceptedNames: Set<String> { Set(names.keys) }

    /// The sport's id when the catalog knows it by that id or an alias; nil otherwise.
    public func resolve(_ sport: Sport) -> Sport? { names[sport.rawValue].map(Sport.init(rawValue:)) }

    /// The pack for `sport` in `language`: the sport's own, else the language's generic one
    /// (a sport a language has no file for yet); nil for a language without packs.
    public func pack(_ sport: Sport, language: String) -> SportPack? {
        guard let inLanguage = packs[language] else { return nil }
        let id = resolve(sport)?.rawValue ?? Sport.generic.rawValue
        return inLanguage[id] ?? inLanguage[Sport.generic.rawValue]
    }

    /// The sports that have a file of their own in `language`.
    func sports(in language: String) -> [String] { sports.filter { packs[language]?[$0] != nil } }
}
