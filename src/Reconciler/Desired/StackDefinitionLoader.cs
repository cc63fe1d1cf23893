using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Repository;
using GitOps.Reconciler.Yaml;

namespace GitOps.Reconciler.Desired;

/// <summary>Loads one <c>stacks/&lt;name&gt;/</c> directory: finds its compose file, reads stack.yaml and .env.</summary>
public static class StackDefinitionLoader
{
    public const string StackFile = "stack.yaml";

    public static readonly IReadOnlyList<string> ComposeFileNames = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"];

    private static readonly string[] Keys = ["targets", "variables", "profiles", "suspended", "selfHeal", "removeVolumes", "policy", "sensitive"];
    private static readonly string[] PolicyKeys = ["allowBuild"];

    /// <summary>The definition, or null when the directory has errors (all reported).</summary>
    public static StackDefinition? Load(RepoDirectory repo, string directory, Inventory? inventory, DiagnosticBag diagnostics)
    {
        var errorsBefore = diagnostics.ErrorCount;
        var name = directory[(directory.LastIndexOf('/') + 1)..];
        var what = $"stack '{name}'";
        var composeFile = FindComposeFile(repo, directory, name, diagnostics);

        var targets = ValueList<string>.Empty;
        var defaults = ValueMap<string>.Empty;
        var profiles = ValueList<string>.Empty;
        var profilePositions = ValueMap<SourcePosition>.Empty;
        var policy = StackPolicy.Default;
        var sensitive = ValueList<string>.Empty;
        var stackFile = directory + "/" + StackFile;
        // Anything at the path is read, so a directory or a symlink loop there is an error rather than "no stack.yaml".
        if (repo.Kind(stackFile) != RepoEntryKind.Missing)
        {
            var map = YamlMap.Of(YamlFile.Load(repo, stackFile, diagnostics), stackFile, diagnostics, stackFile);
            if (map is null)
            {
                return null;
            }
            map.RejectUnknownKeys(stackFile, Keys);
            targets = Targets.Read(map, inventory, what);
            defaults = VariableDeclarations.Read(map, "variables", stackFile);
            var listed = map.StringList("profiles") ?? [];
            profiles = ValueList.Sorted(listed.Select(p => p.Value).Distinct(StringComparer.Ordinal), StringComparer.Ordinal);
            profilePositions = ValueMap.From(listed.DistinctBy(p => p.Value, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Value, p.Position)));
            // Files whose every value is masked wherever the agent shows it (plain env files holding secrets).
            sensitive = ValueList.Sorted((map.StringList("sensitive") ?? [])
                .Select(f => repo.ResolveInside(directory, f.Value, f.Position, diagnostics, "sensitive file"))
                .OfType<string>().Distinct(StringComparer.Ordinal), StringComparer.Ordinal);
            var stackPolicy = map["policy"] is { } policyNode ? YamlMap.Of(policyNode, stackFile, diagnostics, $"'policy' of {stackFile}") : null;
            stackPolicy?.RejectUnknownKeys($"'policy' of {stackFile}", PolicyKeys);
            policy = new StackPolicy(
                Suspended: map.Bool("suspended") ?? false,
                SelfHeal: map.Bool("selfHeal") ?? true,
                RemoveVolumes: map.Bool("removeVolumes") ?? false,
                AllowBuild: stackPolicy?.Bool("allowBuild") ?? false);
        }
        else if (repo.Kind(directory + "/stack.yml") != RepoEntryKind.Missing)
        {
            diagnostics.Warning(SourcePosition.StartOf(directory + "/stack.yml"), $"'{directory}/stack.yml' is ignored: the file is read only as {StackFile}, so {what} applies to no host");
        }
        else
        {
            diagnostics.Warning(SourcePosition.StartOf(directory), $"{what} has no {StackFile} with 'targets:', so it applies to no host");
        }
        var (dotEnv, encryptedDotEnv) = ReadDotEnv(repo, directory, diagnostics);
        if (diagnostics.ErrorCount > errorsBefore || composeFile is null)
        {
            return null;
        }
        return new StackDefinition(name, directory, composeFile, targets, defaults, dotEnv, profiles, policy) { ProfilePositions = profilePositions, Sensitive = sensitive, EncryptedDotEnv = encryptedDotEnv };
    }

    private static string? FindComposeFile(RepoDirectory repo, string directory, string name, DiagnosticBag diagnostics)
    {
        var found = ComposeFileNames.Select(f => directory + "/" + f).Where(f => repo.Kind(f) != RepoEntryKind.Missing).ToList();
        if (found.Count == 0)
        {
            diagnostics.Error(SourcePosition.StartOf(directory), $"stack '{name}' has no compose file; expected one of {string.Join(", ", ComposeFileNames)}");
            return null;
        }
        if (found.Count > 1)
        {
            diagnostics.Error(SourcePosition.StartOf(found[1]), $"stack '{name}' has several compose files ({string.Join(", ", found.Select(f => f[(directory.Length + 1)..]))}); keep exactly one");
            return null;
        }
        if (repo.Kind(found[0]) != RepoEntryKind.File)
        {
            // Reading reports why: a directory where the file belongs, or a link that cannot be followed.
            repo.ReadBytes(found[0], SourcePosition.StartOf(found[0]), diagnostics);
            return null;
        }
        return found[0];
    }

    /// <summary>The .env's lines, or, when it is SOPS-encrypted, its text to decrypt per host.</summary>
    private static (ValueList<DotEnvEntry> Lines, string? Encrypted) ReadDotEnv(RepoDirectory repo, string directory, DiagnosticBag diagnostics)
    {
        var file = directory + "/.env";
        if (repo.Kind(file) == RepoEntryKind.Missing)
        {
            return (ValueList<DotEnvEntry>.Empty, null);
        }
        var bytes = repo.ReadBytes(file, SourcePosition.StartOf(file), diagnostics);
        if (bytes is not null && Secrets.SecretFile.IsEncrypted(bytes, file))
        {
            return (ValueList<DotEnvEntry>.Empty, System.Text.Encoding.UTF8.GetString(bytes));
        }
        var text = bytes is null ? null : RepoText.Decode(bytes, file, diagnostics);
        return (text is null ? ValueList<DotEnvEntry>.Empty : ValueList.From(DotEnv.Parse(text, file, diagnostics)), null);
    }
}
