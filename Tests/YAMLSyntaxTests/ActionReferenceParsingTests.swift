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
        ("owner/repo/", "owner", "repo", "", nil, "owner/repo"),
        ("owner/repo/@v1", "owner", "repo", "", "v1", "owner/repo"),
        ("owner/repo@v 1/x", "owner", "repo", nil, "v 1/x", "owner/repo"),
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

@Suite struct ActionReferenceMajorVersionTests {
    @Test(arguments: [
        ("a/b@v5", 5), ("a/b@V5.1", 5), ("a/b@5.1.0", 5), ("a/b@v05", 5), ("a/b@v123456789", 123456789),
        ("a/b@v1234567890", nil), ("a/b@v1.2.3.4", nil), ("a/b@v", nil), ("a/b@main", nil), ("a/b@v1.", nil),
        ("a/b@vv1", nil), ("a/b@٣", nil), ("a/b@v1.x", nil), ("a/b", nil),
    ] as [(String, Int?)])
    func majors(text: String, major: Int?) throws {
        #expect(try #require(ActionReference(text)).majorVersion == major)
    }
}
