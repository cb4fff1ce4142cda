import SessionModel

/// How a sport's file goes over its language's generic file.
extension SportPack {
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// `file` over `base` (its language's generic file; nil for the generic file itself).
    init(file: PackFile, base: PackFile?) throws(Problem) {
        guard let markers = file.markers ?? base?.markers, let numbers = file.numbers ?? base?.numbers else {
            throw Problem(description: "\(file.language)/\(file.id): no markers or numbers (nor a generic file with them)")
        }
        sport = Sport(rawValue: file.id)
        language = file.language
        name = file.name
        slots = (base?.slots ?? [:]).merging(file.slots ?? [:]) { _, sport in sport }
        meanings = (base?.meanings ?? [:]).merging(file.meanings ?? [:]) { _, sport in sport }
        var frames: [String: [Frame]] = [:]
        for (owner, source) in [base, file].compactMap({ $0 }).map({ ($0.id, $0.frames ?? [:]) }) {
            for (group, texts) in source {
                frames[group, default: []] += texts.enumerated().map { Frame(id: "\(owner)/\(group)/\($0.offset)", text: $0.element) }
            }
        }
        self.frames = frames
        do {
            self.markers = Markers(hedge: try TextPattern(markers.hedge), certainty: try TextPattern(markers.certainty),
                                   backReference: try TextPattern(markers.backReference), excited: try TextPattern(markers.excited))
            self.claims = try Self.claims(file: file, base: base)
            forbidden = try file.forbidden.flatMap { $0.isEmpty ? nil : try TextPattern(words: $0) }
        } catch let problem as Problem {
            throw problem
        } catch {
            throw Problem(description: "\(file.language)/\(file.id): a pattern does not compile: \(error)")
        }
        self.numbers = numbers
        contractions = (file.contractions ?? base?.contractions ?? []).compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil }
    }

    /// The generic claims with the sport's kinds added, and the sport's own claims.
    private static func claims(file: PackFile, base: PackFile?) throws -> [Claim] {
        let generic = base?.claims ?? [:]
        let own = file.claims ?? [:]
        var out: [Claim] = []
        for id in Set(generic.keys).union(own.keys).sorted() {
            let a = generic[id], b = own[id]
            guard let pattern = b?.pattern ?? a?.pattern else {
                throw Problem(description: "\(file.language)/\(file.id): claim '\(id)' has no pattern")
            }
            out.append(Claim(id: id, pattern: try TextPattern(pattern),
                             backedBy: Set((a?.backedBy ?? []) + (b?.backedBy ?? [])),
                             hedgedBy: Set((a?.hedgedBy ?? []) + (b?.hedgedBy ?? [])),
                             hedges: b?.hedges ?? a?.hedges ?? []))
        }
        return out
    }
}
