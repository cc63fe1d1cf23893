using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Repository;

namespace GitOps.Reconciler.Tests.Compose;

/// <summary>A throwaway config repository on disk with one stack, <c>stacks/app</c>; deleted on dispose.</summary>
internal sealed class TempRepo : IDisposable
{
    public const string ComposeFile = "stacks/app/compose.yaml";

    public TempRepo(long maxFileBytes = RepoDirectory.DefaultMaxFileBytes)
    {
        Root = Path.Combine(Path.GetTempPath(), "compose-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "stacks", "app"));
        Repo = new RepoDirectory(Root, maxFileBytes);
    }

    public string Root { get; }

    public RepoDirectory Repo { get; }

    public string StackPath => Path.Combine(Root, "stacks", "app");

    public TempRepo Write(string relativePath, string content)
    {
        var full = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    public (StackSpec? Stack, DiagnosticBag Diagnostics) Load(
        string compose,
        IReadOnlyDictionary<string, string>? variables = null,
        params string[] profiles)
    {
        Write(ComposeFile, compose);
        var bag = new DiagnosticBag();
        var source = new ComposeSource(Repo, "stacks/app", ComposeFile, "app", variables ?? new Dictionary<string, string>(), profiles);
        return (ComposeLoader.Load(source, bag), bag);
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
