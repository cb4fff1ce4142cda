import ArgumentParser
import SessionServer

@main
struct Playbyplay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "playbyplay",
        abstract: "Turns a sports video into a commentated one, chunk by chunk.",
        version: ServerConfiguration.productVersion,
        subcommands: [ServeCommand.self, ProcessCommand.self, VoicesCommand.self, ProbeCommand.self, ChunksCommand.self, BenchCommand.self])

    /// Parses with negative numbers taken as values (`--interval -5` is told it is out of
    /// range, not that its value is missing), then runs the command.
    static func main() async {
        do {
            var command = try parseAsRoot(NegativeValues.joined(Array(CommandLine.arguments.dropFirst())))
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
