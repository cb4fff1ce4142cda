import ArgumentParser

@main
struct Playbyplay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "playbyplay",
        abstract: "Turns a sports video into a commentated one, chunk by chunk.",
        subcommands: [ServeCommand.self, ProcessCommand.self, VoicesCommand.self, ProbeCommand.self, ChunksCommand.self, BenchCommand.self])
}
