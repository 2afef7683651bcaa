import BerthDiagnostics
import BerthYAML

/// `unpinned-image`: an image with no tag or `:latest` may be a different image at each pull;
/// with the pedantic profile, an image not pinned by digest too (low confidence: a tag is
/// often enough).
enum ImagePinAudit {
    static func run(_ context: CheckContext, pedantic: Bool) {
        for (node, image) in context.literalImages where !image.contains("@sha256:") {
            let name = image.split(separator: "/").last.map(String.init) ?? image
            let tag = name.split(separator: ":", maxSplits: 1).dropFirst().first.map(String.init)
            if tag == nil || tag == "latest" {
                context.audit(.warning, "unpinned-image", "image \"\(image)\" \(tag == nil ? "has no tag" : "is :latest"): each pull may bring a different image",
                              at: node.range, rating: SecurityRating(.medium, score: 4.0),
                              help: "name a version (\(image.split(separator: ":").first ?? ""):1.2.3), or pin a digest (@sha256:…)")
            } else if pedantic {
                context.audit(.info, "unpinned-image", "image \"\(image)\" is not pinned by digest: the tag can be moved to another image",
                              at: node.range, rating: SecurityRating(.low, score: 2.0), help: "pin it: \(image)@sha256:…")
            }
        }
    }
}
