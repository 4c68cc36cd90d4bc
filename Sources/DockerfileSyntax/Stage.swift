import PlimsollCore

/// One build stage: a FROM and the instructions up to the next FROM.
public struct Stage: Sendable {
    /// 0-based position among the stages.
    public var index: Int
    /// The `AS` name as written, if any. BuildKit compares stage names case-insensitively.
    public var name: String?
    public var nameSpan: SourceSpan?
    /// Index of the FROM in `Dockerfile.instructions`.
    public var fromIndex: Int
    /// Indices of the stage's instructions in `Dockerfile.instructions`, FROM included.
    public var instructionIndices: Range<Int>
    /// The base image text as written (variables not expanded).
    public var baseImage: String
    public var baseImageSpan: SourceSpan
    /// `--platform` value as written, if any.
    public var platform: String?
    /// Index of an earlier stage whose name equals `baseImage` (case-insensitively), if any.
    public var baseStageIndex: Int?
    /// ARG declarations in this stage, in order, with the instruction index of each.
    public var args: [(instructionIndex: Int, declaration: ArgDeclaration)]
    /// ENV keys set in this stage, in order, with the instruction index of each.
    public var envKeys: [(instructionIndex: Int, key: Word)]

    /// Names usable by expansion at instruction `index` of this stage: stage ARGs and ENV keys declared before it.
    /// Global ARGs are not included: BuildKit makes them visible in a stage only through a bare `ARG NAME`.
    public func variablesInScope(before index: Int) -> Set<String> {
        var names: Set<String> = []
        for entry in args where entry.instructionIndex < index { names.insert(entry.declaration.name) }
        for entry in envKeys where entry.instructionIndex < index { names.insert(entry.key.text) }
        return names
    }
}

enum StageBuilder {
    /// How many stages one stage may build on through `FROM <stage>`, counting the chain to its first image.
    /// Rules follow the chain (inherited ENV, the final USER), so a file of 10,000 stages each built on the one
    /// before made every rule walk all the earlier ones from every stage: quadratic. Real chains are a handful
    /// long; past the budget the FROM is noted and read as an image, which ends the chain.
    public static let maxStageChain = 64

    static func build(_ instructions: [Instruction], diagnostics: inout [Diagnostic]) -> ([Stage], [Int]) {
        var stages: [Stage] = []
        var globalArgs: [Int] = []
        var seenNames: [String: Int] = [:]
        /// Stages each stage builds on, through `baseStageIndex`.
        var chainLengths: [Int] = []
        for index in instructions.indices {
            switch instructions[index].kind {
            case .from:
                let instruction = instructions[index]
                if let last = stages.indices.last {
                    stages[last].instructionIndices = stages[last].fromIndex..<index
                }
                let from = instruction.from
                if from == nil { diagnostics.append(.invalidFromAs(at: instruction.span)) }
                let baseImage = from?.image.value ?? ""
                let name = from?.stageName
                var stage = Stage(
                    index: stages.count, name: name?.value, nameSpan: name?.span, fromIndex: index,
                    instructionIndices: index..<index + 1, baseImage: baseImage,
                    baseImageSpan: from?.image.span ?? instruction.span, platform: from?.platform?.value,
                    baseStageIndex: nil, args: [], envKeys: [])
                stage.baseStageIndex = seenNames[baseImage.lowercased()]
                var chainLength = stage.baseStageIndex.map { chainLengths[$0] + 1 } ?? 0
                if chainLength > maxStageChain {
                    diagnostics.append(.stageChainTooLong(maxStageChain, at: stage.baseImageSpan))
                    stage.baseStageIndex = nil
                    chainLength = 0
                }
                chainLengths.append(chainLength)
                if let name {
                    let lower = name.value.lowercased()
                    if !isValidStageName(lower) {
                        diagnostics.append(.invalidStageName(name.value, at: name.span))
                    } else if seenNames[lower] != nil {
                        diagnostics.append(.duplicateStageName(name.value, at: name.span))
                    } else {
                        seenNames[lower] = stages.count
                    }
                }
                stages.append(stage)
            case .arg:
                if let last = stages.indices.last {
                    stages[last].args += instructions[index].argDeclarations.map { (index, $0) }
                } else {
                    globalArgs.append(index)
                }
            case .env:
                if let last = stages.indices.last {
                    for pair in instructions[index].keyValuePairs { stages[last].envKeys.append((index, pair.key)) }
                }
            default:
                if stages.isEmpty && instructions[index].kind.isKnown {
                    diagnostics.append(.instructionBeforeFrom(instructions[index].kind.description, at: instructions[index].keywordSpan))
                }
            }
        }
        if let last = stages.indices.last {
            stages[last].instructionIndices = stages[last].fromIndex..<instructions.count
        }
        return (stages, globalArgs)
    }

    /// BuildKit: `^[a-z][a-z0-9-_\.]*$`.
    static func isValidStageName(_ name: String) -> Bool {
        var first = true
        for byte in name.utf8 {
            let isLower = byte >= 0x61 && byte <= 0x7A
            if first {
                guard isLower else { return false }
                first = false
                continue
            }
            let ok = isLower || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F || byte == 0x2E
            if !ok { return false }
        }
        return !first
    }
}
