using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Yaml;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Compose;

/// <summary>What the readers of one compose file share: the source, where to report, and the top-level declarations.</summary>
internal sealed class ComposeContext(ComposeSource source, DiagnosticBag diagnostics)
{
    public ComposeSource Source { get; } = source;

    public DiagnosticBag Diagnostics { get; } = diagnostics;

    public string File => Source.ComposeFile;

    public string Project { get; set; } = ProjectName.Normalize(source.ProjectName);

    /// <summary>Where the project name comes from: the <c>name:</c> value, or the start of the compose file.</summary>
    public SourcePosition ProjectAt { get; set; } = SourcePosition.StartOf(source.ComposeFile);

    public Dictionary<string, NetworkSpec> Networks { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, VolumeSpec> Volumes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, GrantDefinition> Secrets { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, GrantDefinition> Configs { get; } = new(StringComparer.Ordinal);

    /// <summary>Every secret and config name declared at top level, including ones whose definition had errors.</summary>
    public HashSet<string> DeclaredSecrets { get; } = new(StringComparer.Ordinal);

    public HashSet<string> DeclaredConfigs { get; } = new(StringComparer.Ordinal);

    public SourcePosition At(YamlNode node) => node.At(File);

    public void Error(YamlNode node, string message) => Diagnostics.Error(node.At(File), message);

    public YamlMap? Map(YamlNode? node, string what) => YamlMap.Of(node, File, Diagnostics, what);

    /// <summary>The node's scalar text, or null after reporting that <paramref name="what"/> must be a scalar.</summary>
    public string? Scalar(YamlNode node, string what)
    {
        if (node is YamlScalarNode scalar)
        {
            return scalar.Value ?? "";
        }
        Error(node, $"expected a string for {what}, found {node.Describe()}");
        return null;
    }

    /// <summary>Items of a list, or of a single scalar when <paramref name="allowScalar"/>; null after reporting anything else.</summary>
    public IReadOnlyList<YamlNode>? Items(YamlNode node, string what, bool allowScalar = false)
    {
        if (node is YamlSequenceNode seq)
        {
            return [.. seq.Children];
        }
        if (allowScalar && node is YamlScalarNode)
        {
            return [node];
        }
        Error(node, $"expected a list{(allowScalar ? " or a string" : "")} for {what}, found {node.Describe()}");
        return null;
    }
}
