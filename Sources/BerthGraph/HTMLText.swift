/// Text made safe for HTML element content and attribute values.
public enum HTMLText {
    private static let entities: [Character: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"]

    public static func escape(_ text: String) -> String {
        replacing(text, entities)
    }

    /// `text` with each character found in `table` replaced by its entry: the quoting rule of
    /// every format the graph is written in.
    static func replacing(_ text: String, _ table: [Character: String]) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            if let replacement = table[c] { out += replacement } else { out.append(c) }
        }
        return out
    }
}
