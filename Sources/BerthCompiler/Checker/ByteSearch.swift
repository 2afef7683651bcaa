/// Substring search by UTF-8 bytes for the checker's hot paths. With Foundation imported
/// anywhere in the module, `text.contains("x")` would resolve to Foundation's `NSString`
/// search (bridging, locale-aware), which profiles as a tenth of lint on large flows; this
/// concrete overload is chosen over both generic ones. Byte equality is what the checks mean:
/// their needles are ASCII markers (`{{`, `"auths"`, `@sha256:`, token prefixes).
extension StringProtocol {
    /// True when `needle` occurs in the text, compared byte for byte (an empty needle always does).
    func contains(_ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { n in
            if let found = utf8.withContiguousStorageIfAvailable({ ByteSearch.find(n, in: $0) }) { return found }
            return Array(utf8).withUnsafeBufferPointer { ByteSearch.find(n, in: $0) }
        }
    }
}

enum ByteSearch {
    /// True when `needle` occurs in `haystack`: a scan for the first byte, then a compare.
    static func find(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = needle.first else { return true }
        guard needle.count <= haystack.count else { return false }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}
