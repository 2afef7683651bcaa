import BerthSchema
import Testing

@Suite struct ByteSizeTests {
    @Test func readsCountsAndSuffixesCaseInsensitively() {
        #expect(ByteSize.bytes("512") == 512)
        #expect(ByteSize.bytes("+512") == 512)
        #expect(ByteSize.bytes("512MB") == 512 << 20)
        #expect(ByteSize.bytes("2gb") == 2 << 30)
        #expect(ByteSize.bytes("1Kb") == 1024)
        #expect(ByteSize.bytes(" 64KB\t") == 64 << 10)
        #expect(ByteSize.bytes("\u{00A0}64KB") == 64 << 10)  // a Unicode space trims too
    }

    @Test func rejectsWhatMicronautRejects() {
        for text in ["", "MB", "-1", "-1MB", "1.5GB", "5 KB", "1TB", "12B", "abc", "9223372036854775807KB", "１MB"] {
            #expect(ByteSize.bytes(text) == nil, "\(text)")
        }
    }
}
