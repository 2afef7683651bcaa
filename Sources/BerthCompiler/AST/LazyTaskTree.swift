import BerthSchema
import BerthYAML

/// A task tree built on first use.
final class LazyTaskTree {
    let root: YAMLNode
    let grammar: Grammar
    lazy var tree = TaskTree(root: root, grammar: grammar)

    init(root: YAMLNode, grammar: Grammar) {
        self.root = root
        self.grammar = grammar
    }
}
