import AsyncAlgorithms

/// A stage between two channels: `transform` runs on up to `width` items at once, and the
/// results go on in the order the items came, so a slow item holds back the ones after it
/// but not their work. With `barrier` the stage takes in every item before it starts (the
/// batch order of the replaced tool, for benchmarks). `output` is finished at the end.
func orderedStage<In: Sendable, Out: Sendable>(
    from input: AsyncChannel<In>, to output: AsyncChannel<Out>, width: Int, barrier: Bool = false,
    _ transform: @escaping @Sendable (In) async -> Out
) async {
    let numbered = AsyncChannel<(Int, In)>()
    let relay = OrderedRelay(output)
    await withTaskGroup(of: Void.self) { group in
        group.addTask {
            var items: [In] = []
            var count = 0
            for await item in input {
                if barrier {
                    items.append(item)
                } else {
                    await numbered.send((count, item))
                    count += 1
                }
            }
            for item in items {
                await numbered.send((count, item))
                count += 1
            }
            numbered.finish()
        }
        for _ in 0..<max(1, width) {
            group.addTask {
                for await (number, item) in numbered {
                    guard !Task.isCancelled else { break }
                    await relay.deliver(number, await transform(item))
                }
            }
        }
    }
    output.finish()
}

/// Sends numbered results on in number order, holding the ones that come early; the first
/// caller whose result is next sends it (and those it unblocks), waiting for the consumer.
actor OrderedRelay<Out: Sendable> {
    private let output: AsyncChannel<Out>
    private var waiting: [Int: Out] = [:]
    private var next = 0
    private var sending = false

    init(_ output: AsyncChannel<Out>) {
        self.output = output
    }

    func deliver(_ number: Int, _ result: Out) async {
        waiting[number] = result
        guard !sending else { return }
        sending = true
        while let ready = waiting.removeValue(forKey: next) {
            next += 1
            await output.send(ready)
        }
        sending = false
    }
}
