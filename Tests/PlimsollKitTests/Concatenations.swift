/// Every text made of one piece from each list, in order: the inputs of the tests that hold a byte-level fast path
/// to its Character-level definition on all short combinations (`concatenations(pieces, pieces, pieces)`).
func concatenations(_ choices: [String]...) -> [String] {
    choices.reduce([""]) { texts, pieces in texts.flatMap { text in pieces.map { text + $0 } } }
}
