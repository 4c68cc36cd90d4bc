import PlimsollCore
import RepositoryModel

/// Every rule Plimsoll ships, in ID order. Adding a rule is one type in its family folder, one line here and
/// its generated `rules/<ID>.md`; `RegistryTests` fail when the three disagree.
public enum RuleRegistry {
    public static let all: [any Rule.Type] = [
        DockerfileSyntaxRule.self,
        WorkflowSyntaxRule.self,
        SkippedFileRule.self,
        SuppressionReasonRule.self,
        UnusedSuppressionRule.self,
        LayoutDockerfileRule.self,
        LayoutBuildScriptRule.self,
        LocalBuildSingleArchRule.self,
        LocalScriptPublishRule.self,
        DockerfilePathRule.self,
        TemplatePlaceholderRule.self,
        SingleArchBaseRule.self,
        HardCodedArchRule.self,
        PlatformArgScopeRule.self,
        BuildPlatformWithoutTargetRule.self,
        EmulatedCompileRule.self,
        SecretInArgEnvRule.self,
        LegacyEnvFormatRule.self,
        UnpinnedBaseRule.self,
        GitMetadataInBuildRule.self,
        FinalStageRootUserRule.self,
        FromAsCasingRule.self,
        JSONArgsRecommendedRule.self,
        RedundantTargetPlatformRule.self,
        NoPublishWorkflowRule.self,
        PlatformsRule.self,
        UnknownActionInputRule.self,
        QEMUMissingRule.self,
        BuilderSetupRule.self,
        LoadContextRule.self,
        OutdatedActionMajorRule.self,
        GHCRLoginTokenRule.self,
        PushJobPermissionsRule.self,
        PullRequestPushRule.self,
        PullRequestTargetBuildRule.self,
        SecretBuildArgsRule.self,
        AttestationPermissionsRule.self,
        PackageSourceLabelRule.self,
        ImageNameLowercaseRule.self,
        InvalidReferenceRule.self,
        RegistryNamespaceRule.self,
        LatestTagMissingRule.self,
        CommitReferenceRule.self,
        DevTagRule.self,
        PromotionRule.self,
        LocalImageNameRule.self,
        OCIMetadataRule.self,
        PublishTriggerRule.self,
        PullRequestShaTagRule.self,
        TokenReleasePermissionsRule.self,
        ReleaseSemverTagRule.self,
        DefaultWorkflowPermissionsRule.self,
        PackageLinkRule.self,
        PackageVisibilityRule.self,
        PublishedTagsRule.self,
    ]

    public static var descriptions: [RuleDescription] { all.map { $0.description } }

    public static func rule(id: String) -> (any Rule.Type)? {
        all.first { $0.description.id == id }
    }
}
