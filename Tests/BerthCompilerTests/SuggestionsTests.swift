@testable import BerthCompiler
import Testing

@Suite struct SuggestionsTests {
    func distance(_ a: String, _ b: String, limit: Int = .max) -> Int {
        Suggestions.editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: limit)
    }

    @Test func distanceCountsEditsAndAdjacentSwaps() {
        #expect(distance("commands", "commands") == 0)
        #expect(distance("comands", "commands") == 1)
        #expect(distance("cmomands", "commands") == 1)  // one swap
        #expect(distance("kitten", "sitting") == 3)
        #expect(distance("", "abc") == 3)
        #expect(distance("é", "e") == 1)  // scalars, not bytes
    }

    @Test func distanceStopsPastTheLimit() {
        #expect(distance("kitten", "sitting", limit: 1) == 2)
        #expect(distance("abcdefgh", "zzzzzzzz", limit: 2) == 3)
    }

    @Test func closestPrefersTheNearestThenTheFirst() {
        #expect(Suggestions.closest(to: "comands", in: ["command", "commands", "env"]) == "commands")
        #expect(Suggestions.closest(to: "imagex", in: ["imagey", "imagez"]) == "imagey")  // a tie: the first
        #expect(Suggestions.closest(to: "ENV", in: ["commands", "env"]) == "env")
        #expect(Suggestions.closest(to: "xyz", in: ["commands", "env"]) == nil)
        #expect(Suggestions.closest(to: "containerImag", in: ["image", "containerImage"]) == "containerImage")
    }
}
