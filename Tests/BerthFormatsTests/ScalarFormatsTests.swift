import BerthFormats
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
        // Signed as Long.parseLong reads it: -1 is unlimited swap.
        #expect(ByteSize.bytes("-1") == -1)
        #expect(ByteSize.bytes("-1MB") == -(1 << 20))
    }

    @Test func rejectsWhatMicronautRejects() {
        for text in ["", "MB", "-", "+-1", "1.5GB", "5 KB", "1TB", "12B", "abc", "9223372036854775807KB", "１MB"] {
            #expect(ByteSize.bytes(text) == nil, "\(text)")
        }
    }
}

@Suite struct ISODurationTests {
    @Test func readsJavaDurations() {
        #expect(ISODuration.seconds("PT30S") == 30)
        #expect(ISODuration.seconds("pt1h30m") == 5_400)
        #expect(ISODuration.seconds("P1DT1S") == 86_401)
        #expect(ISODuration.seconds("-PT1.5S") == -1.5)
        #expect(ISODuration.seconds("PT-5M") == -300)
        #expect(ISODuration.seconds("90") == 90)  // a plain number is seconds
    }

    @Test func rejectsWhatJavaRejects() {
        let huge = String(repeating: "9", count: 400)  // past Java's Long seconds, and past Double
        for text in ["", "P", "PT", "P1H", "PT1D", "PT1.5M", "1 minute", "PT5X", "P1DT", "PTT1S", "PT５S", huge, "PT\(huge)S"] {
            #expect(ISODuration.seconds(text) == nil, "\(text)")
        }
    }
}
