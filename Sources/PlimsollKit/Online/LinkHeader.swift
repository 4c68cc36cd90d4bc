/// RFC 8288 `Link` headers as GitHub sends them for pagination:
/// `<https://api.github.com/orgs/acme/repos?page=2>; rel="next", <…?page=5>; rel="last"`.
enum LinkHeader {
    /// The target of every link, by relation type (`next`, `last`, …).
    public static func parse(_ value: String) -> [String: String] {
        var links: [String: String] = [:]
        var rest = Substring(value)
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let target = String(rest[rest.index(after: open)..<close])
            // The parameters run to the next link, which starts with `<` (a URL never contains a raw `<`).
            let parametersEnd = rest[close...].firstIndex(of: "<") ?? rest.endIndex
            for parameter in rest[rest.index(after: close)..<parametersEnd].split(separator: ";") {
                let pair = parameter.split(separator: "=", maxSplits: 1).map {
                    $0.trimmingCharacters(in: " \t,\"")
                }
                guard pair.count == 2, pair[0].lowercased() == "rel" else { continue }
                // `rel` may hold several space-separated types.
                for relation in pair[1].split(separator: " ") where links[String(relation)] == nil {
                    links[String(relation)] = target
                }
            }
            rest = rest[parametersEnd...]
        }
        return links
    }

    /// The next page's URL, if any.
    public static func next(_ value: String?) -> String? {
        value.flatMap { parse($0)["next"] }
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var text = self
        while let first = text.first, set.contains(first) { text.removeFirst() }
        while let last = text.last, set.contains(last) { text.removeLast() }
        return String(text)
    }
}
