/// Patterns of `.berth.yaml`: `*` any text but `/`, `**` any text, `?` one character.
enum Glob {
    static func matches(_ pattern: String, _ text: String) -> Bool {
        match(Array(pattern.unicodeScalars)[...], Array(text.unicodeScalars)[...])
    }

    private static func match(_ pattern: ArraySlice<Unicode.Scalar>, _ text: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let first = pattern.first else { return text.isEmpty }
        if first == "*" {
            let double = pattern.dropFirst().first == "*"
            let rest = pattern.dropFirst(double ? 2 : 1)
            var index = text.startIndex
            while true {
                if match(rest, text[index...]) { return true }
                guard index < text.endIndex, double || text[index] != "/" else { return false }
                index += 1
            }
        }
        guard let character = text.first, first == "?" ? character != "/" : first == character else { return false }
        return match(pattern.dropFirst(), text.dropFirst())
    }
}
