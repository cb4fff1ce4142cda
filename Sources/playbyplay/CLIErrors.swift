import ArgumentParser
import Foundation
import Media

/// Turns a media failure into one line naming the problem and a non-zero exit.
enum CLIErrors {
    @discardableResult
    static func report<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as MediaError {
            FileHandle.standardError.write(Data("playbyplay: \(error.message)\n".utf8))
            throw ExitCode(2)
        }
    }
}
