
/// Label values as Kestra's `ScriptService.normalize` writes them: at most 63 characters,
/// then trailing `-`, then trailing `.`, then trailing `_` removed.
enum Labels {
    static func normalize(_ value: String) -> String {
        var cut = String(value.prefix(63))
        for character in ["-", ".", "_"] as [Character] {
            while cut.last == character { cut.removeLast() }
        }
        return cut
    }
}
