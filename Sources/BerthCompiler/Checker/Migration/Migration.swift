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
}
