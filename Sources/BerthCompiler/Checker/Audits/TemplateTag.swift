import BerthExpressions

/// The `{{ … }}` around a printed expression, as UTF-8 byte offsets into the template text.
enum TemplateTag {
    static func around(_ expr: Expr, in text: String) -> Range<Int> {
        let bytes = Array(text.utf8)
        var start = min(expr.range.lowerBound, bytes.count)
        while start >= 2 && !(bytes[start - 2] == UInt8(ascii: "{") && bytes[start - 1] == UInt8(ascii: "{")) { start -= 1 }
        start = start >= 2 ? start - 2 : expr.range.lowerBound
        var end = min(expr.range.upperBound, bytes.count)
        while end + 2 <= bytes.count && !(bytes[end] == UInt8(ascii: "}") && bytes[end + 1] == UInt8(ascii: "}")) { end += 1 }
        end = end + 2 <= bytes.count ? end + 2 : expr.range.upperBound
        return start..<end
    }
}
