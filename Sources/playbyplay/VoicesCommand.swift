import ArgumentParser
import Commentary
import Foundation
import SessionModel

struct VoicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "voices", abstract: "Lists the voices the commentary can be spoken in.")

    @OptionGroup var cloud: ProviderOptions

    func run() async throws {
        for voice in await cloud.make().synthesizer.voices() {
            print("\(voice.id.padding(toLength: 22, withPad: " ", startingAt: 0)) \(voice.language)  \(voice.provider)")
        }
    }
}
