import Foundation
import Testing
@testable import BerthLanguageServer

/// The language server's own JSON writer: what it writes must parse back to what was given.
struct MessageWriterTests {
    @Test func writesWhatJSONSerializationReadsBack() throws {
        let message: [String: Any] = [
            "jsonrpc": "2.0", "id": 7, "ratio": 0.25, "whole": 3.0, "ok": true, "no": false, "none": NSNull(),
            "text": "quote \" backslash \\ newline \n tab \t cr \r bell \u{07} é 🚀 \u{2028}",
            "items": [["line": 0, "character": 12], "x", [1, 2]] as [Any],
        ]
        let data = try #require(MessageWriter.data(message))
        let back = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(back["text"] as? String == message["text"] as? String)
        #expect(back["id"] as? Int == 7)
        #expect(back["ratio"] as? Double == 0.25)
        #expect(back["whole"] as? Int == 3)
        #expect(back["ok"] as? Bool == true && back["no"] as? Bool == false)
        #expect(back["none"] is NSNull)
        let items = try #require(back["items"] as? [Any])
        #expect((items[0] as? [String: Any])?["character"] as? Int == 12)
        #expect(items[1] as? String == "x")
        #expect(!String(decoding: data, as: UTF8.self).contains("\u{07}"), "control characters are escaped")
    }

    @Test func aValueOfAnotherTypeGoesThroughJSONSerialization() throws {
        // A request id parsed by JSONSerialization is an NSNumber: 1 must stay 1, not `true`.
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(#"{"id": 1, "flag": true}"#.utf8)) as? [String: Any])
        let data = try #require(MessageWriter.data(["id": parsed["id"]!, "flag": parsed["flag"]!, "result": NSNull()]))
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""id":1"#))
        #expect(text.contains(#""flag":true"#))
    }

    @Test func aNonFiniteNumberIsRefusedNotWritten() {
        #expect(MessageWriter.data(["x": Double.nan]) == nil)
    }
}
