import BerthFormats
import Testing

/// The Ion text reader for Kestra's item files.
@Suite struct IonTextTests {
    @Test func readsWhatKestrasFileSerdeWrites() throws {
        let value = try IonText.parse(#"{key:"k1",value:1,ratio:1.5e0,price:12.50,at:2024-01-02T03:04:05Z,tags:["a",b],ok:true,none:null.string,'quoted field':'sym',nested:{x:-2}}"#)
        guard case .structure(let fields) = value else { Issue.record("not a struct"); return }
        let map = Dictionary(fields, uniquingKeysWith: { $1 })
        #expect(map["key"] == .text("k1"))
        #expect(map["value"] == .int(1))
        #expect(map["ratio"] == .double(1.5))
        #expect(map["price"] == .double(12.5))
        #expect(map["at"] == .text("2024-01-02T03:04:05Z"))
        #expect(map["tags"] == .list([.text("a"), .text("b")]))
        #expect(map["ok"] == .bool(true))
        #expect(map["none"] == .null)
        #expect(map["quoted field"] == .text("sym"))
        #expect(map["nested"] == .structure([("x", .int(-2))]))
    }

    @Test func annotationsCommentsLongStringsAndEscapes() throws {
        #expect(try IonText.parse("ann::{a:1} // end") == .structure([("a", .int(1))]))
        #expect(try IonText.parse("'''ab''' '''cd'''") == .text("abcd"))
        #expect(try IonText.parse(#""tab\tline\nu\u00e9""#) == .text("tab\tline\nu\u{e9}"))
        #expect(try IonText.parse("(a b c)") == .list([.text("a"), .text("b"), .text("c")]))
        #expect(try IonText.parse("0x1F") == .int(31))
    }

    @Test func brokenItemsSayWhatAndWhere() {
        #expect(throws: IonText.Failure(message: "a struct is not closed", offset: 6)) { try IonText.parse("{a:1, ") }
        #expect(throws: IonText.Failure(message: "blobs and clobs are not supported", offset: 0)) { try IonText.parse("{{ aGk= }}") }
        #expect(throws: IonText.Failure.self) { try IonText.parse("{a:1} extra") }
        #expect(throws: IonText.Failure.self) { try IonText.parse(String(repeating: "[", count: 500)) }
    }
}
