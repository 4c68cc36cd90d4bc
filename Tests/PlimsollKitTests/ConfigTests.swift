import Foundation
import PlimsollCore
@testable import PlimsollKit
import PlimsollRules
import RepositoryModel
import Testing

@Suite("Configuration")
struct ConfigTests {
    private func apply(_ text: String) throws(ConfigError) -> Policy {
        var policy = Policy()
        try ConfigLoader().apply(SourceFile(path: ".plimsoll.yml", text: text), to: &policy)
        return policy
    }

    @Test("every setting is read")
    func allSettings() throws {
        let policy = try apply("""
            layout: root
            platforms: [linux/amd64, linux/arm64, linux/arm/v7]
            registry: ghcr.io
            owner: example-org
            environment-tags: [dev, prod]
            dev-tag: required
            extra-registries: [docker.io/example]
            rules:
              PL101: off
              PL102: {severity: warning}
              PL003: error
            ignore-paths: ["vendor/**"]
            enforce: true
            """)
        #expect(policy.layout == .root)
        #expect(policy.platforms == ["linux/amd64", "linux/arm64", "linux/arm/v7"])
        #expect(policy.owner == "example-org")
        #expect(policy.environmentTags == ["dev", "prod"])
        #expect(policy.devTag == .required)
        #expect(policy.extraRegistries == ["docker.io/example"])
        #expect(policy.rules["PL101"] == .off)
        #expect(policy.rules["PL102"] == .severity(.warning))
        #expect(policy.rules["PL003"] == .severity(.error))
        #expect(policy.ignorePaths == ["vendor/**"])
        #expect(policy.enforce)
    }

    @Test("an empty file keeps the defaults")
    func emptyFile() throws {
        #expect(try apply("") == Policy())
        #expect(try apply("# only a comment\n") == Policy())
    }

    @Test("mistakes name the key and its position", arguments: [
        ("layuot: root\n", "1:1", "unknown key 'layuot' (did you mean 'layout'?)"),
        ("layout: sideways\n", "1:9", "'layout' cannot be 'sideways'; use one of: src-docker, root"),
        ("platforms: linux/amd64\n", "1:12", "'platforms' must be a list of strings"),
        ("platforms: [linux/amd64, amd64]\n", "1:26", "'platforms' cannot be 'amd64'; use one of: os/arch[/variant], e.g. linux/arm64"),
        ("rules:\n  PL1O1: off\n", "2:3", "unknown rule 'PL1O1' (did you mean 'PL101'?)"),
        ("rules:\n  PL101: loud\n", "2:10", "'rules.PL101' cannot be 'loud'; use one of: off, note, warning, error"),
        ("rules:\n  PL101: {sev: note}\n", "2:11", "unknown key 'rules.PL101.sev'"),
        ("enforce: yes please\n", "1:10", "'enforce' must be true or false"),
        ("- a\n- b\n", "1:1", "'(top level)' must be a mapping of settings"),
        ("layout: [\n", "2:1", "invalid YAML"),
    ])
    func errors(text: String, position: String, message: String) {
        do {
            _ = try apply(text)
            Issue.record("expected an error for \(text)")
        } catch {
            let location = error.location.map { "\($0.line):\($0.column)" }
            #expect(location == position)
            #expect(error.message.hasPrefix(message), "\(error.message)")
            #expect(error.description.hasPrefix(".plimsoll.yml:\(position): "))
        }
    }
}

@Suite("Configuration schema")
struct ConfigSchemaTests {
    static let schemaURL = TestPaths.packageRoot.appendingPathComponent(".plimsoll.schema.json")

    @Test("the published JSON Schema documents exactly the keys the loader reads")
    func schemaMatchesLoader() throws {
        let data = try Data(contentsOf: Self.schemaURL)
        let schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let properties = try #require(schema["properties"] as? [String: Any])
        #expect(Set(properties.keys) == Set(ConfigLoader.keys))
    }

    @Test("fixture configurations validate against the schema, and the broken one does not",
        .enabled(if: TestPaths.python != nil, "needs the Python tools `make test` installs"))
    func fixturesValidate() throws {
        let python = try #require(TestPaths.python)
        let script = TestPaths.packageRoot.appendingPathComponent("Tests/Integration/validate_config.py").path
        let directory = try TemporaryDirectory()
        let full = try directory.write("full.yml", """
            layout: root
            platforms: [linux/amd64, linux/arm/v7]
            owner: example-org
            dev-tag: required
            package-visibility: private
            rules: {PL101: off, PL102: {severity: warning}}
            ignore-paths: ["vendor/**"]
            """)
        let good = TestPaths.repos.appendingPathComponent("root-layout/.plimsoll.yml").path
        let valid = try ProcessRunner.run(python, [script, Self.schemaURL.path, good, full.path])
        #expect(valid.status == 0, "\(valid.stdout)\(valid.stderr)")
        let bad = TestPaths.repos.appendingPathComponent("bad-config/.plimsoll.yml").path
        let invalid = try ProcessRunner.run(python, [script, Self.schemaURL.path, bad])
        #expect(invalid.status == 1)
        #expect(invalid.stdout.contains("platfroms"))
    }
}

@Suite("plimsoll init template")
struct ConfigTemplateTests {
    @Test("the template loads back to exactly the default policy")
    func roundTrip() throws {
        var policy = Policy()
        policy.devTag = .off  // make sure loading really sets every value
        policy.platforms = []
        try ConfigLoader().apply(SourceFile(path: ".plimsoll.yml", text: ConfigTemplate.render()), to: &policy)
        #expect(policy == Policy())
    }

    @Test("every rule is listed, commented out")
    func listsRules() {
        let text = ConfigTemplate.render()
        for rule in RuleRegistry.descriptions {
            #expect(text.contains("  # \(rule.id): \(rule.defaultSeverity.rawValue)"))
        }
    }
}
