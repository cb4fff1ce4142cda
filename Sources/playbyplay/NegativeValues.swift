/// ArgumentParser reads `-5` after `--interval` as an option of its own and reports the
/// value missing; a long option followed by a negative number is passed as `--interval=-5`,
/// so the option's own check names the problem.
enum NegativeValues {
    static func joined(_ arguments: [String]) -> [String] {
        var out: [String] = []
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            if argument == "--" {
                out += arguments[i...]
                break
            }
            if argument.hasPrefix("--"), !argument.contains("="), i + 1 < arguments.count, isNegativeNumber(arguments[i + 1]) {
                out.append("\(argument)=\(arguments[i + 1])")
                i += 2
                continue
            }
            out.append(argument)
            i += 1
        }
        return out
    }

    static func isNegativeNumber(_ text: String) -> Bool {
        text.count > 1 && text.hasPrefix("-") && Double(text) != nil
    }
}
