import ArgumentParser
import Commentary
import Foundation
import SessionModel

struct VoicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "voices", abstract: "Lists the voices the commentary can be spoken in.")

    func run() async throws {
        for voice in await CommentaryProviders.local.synthesizer.voices() {
            print("\(voice.id.padding(toLength: 14, withPad: " ", startingAt: 0)) \(voice.language)  \(voice.provider)")
        }
    }
}
