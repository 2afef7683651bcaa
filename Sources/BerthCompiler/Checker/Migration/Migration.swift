import BerthDiagnostics

/// What berth offers for a Kestra 1.x construct when the flow is checked as 2.0: fix-its that
/// keep the meaning (`machineApplicable`) or need a person's confirmation (`maybeIncorrect`),
/// or, when no rewrite keeps the meaning, what to do by hand.
struct Migration {
    var fixIts: [FixIt] = []
    /// Replaces the grammar's `removed` text: why no fix-it is offered and what to do instead.
    var help: String?
    /// Where the obstacle is (a read of a loop task's outputs after the loop).
    var notes: [Note] = []

    /// No rewrite: the person migrating decides, as `help` says.
    static func manual(_ help: String, notes: [Note] = []) -> Migration {
        Migration(help: help, notes: notes)
    }

    /// What stops a rewrite part-way (a template, a condition), and where.
    struct Obstacle: Error {
        let help: String
        var notes: [Note] = []

        var migration: Migration { .manual(help, notes: notes) }
    }

    /// The text to edit is shared through a YAML anchor or merge key: editing it would change
    /// every use.
    static let sharedThroughAnchor = Migration.manual("it is written through a YAML alias or merge key (<<): rewrite it where the anchor is, for every flow that uses it")
}
