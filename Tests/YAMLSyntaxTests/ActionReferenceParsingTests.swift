import Testing
import WorkflowModel

/// `ActionReference` splits ASCII `uses:` values on bytes; these pin the fields either path must produce.
@Suite struct ActionReferenceParsingTests {
    @Test(arguments: [
        ("Docker/Build-Push-Action@v6", "Docker", "Build-Push-Action", nil, "v6", "docker/build-push-action"),
        ("owner/repo/path/to/dir@main", "owner", "repo", "path/to/dir", "main", "owner/repo"),
        ("owner/repo/.github/workflows/x.yml@v1", "owner", "repo", ".github/workflows/x.yml", "v1", "owner/repo"),
        ("owner/repo", "owner", "repo", nil, nil, "owner/repo"),
        ("owner/repo@", "owner", "repo", nil, "", "owner/repo"),
        ("owner/repo//x@a@b", "owner", "repo", "/x", "a@b", "owner/repo"),
        ("ówner/repo@v1", "ówner", "repo", nil, "v1", "ówner/repo"),
    ] as [(String, String, String, String?, String?, String)])
    func repositoryForms(text: String, owner: String, repo: String, path: String?, ref: String?, fullName: String) throws {
        let reference = try #require(ActionReference(text))
        #expect(reference.kind == .repository)
        #expect(reference.owner == owner && reference.repo == repo && reference.path == path && reference.ref == ref)
        #expect(reference.fullName == fullName)
        #expect(reference.text == text)
    }

    @Test(arguments: ["owner", "/repo@v1", "owner/@v1", "own er/repo@v1", "@v1", ""])
    func notReferences(text: String) {
        #expect(ActionReference(text) == nil)
    }
}
