using GitOps.Reconciler.Repository;

namespace GitOps.Reconciler.Tests.Desired;

/// <summary>A config repo in a temporary directory, written from (path, content) pairs and deleted afterwards.</summary>
public sealed class TestRepo : IDisposable
{
    public const string Inventory = """
        groups:
          prod:
            hosts: [web-1]
          staging: {}
        hosts:
          web-1: {}
          web-2:
            groups: [staging]
        """;

    public TestRepo(long maxFileBytes = RepoDirectory.DefaultMaxFileBytes)
    {
        Root = Path.Combine(Path.GetTempPath(), "gitops-repo-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Repo = new RepoDirectory(Root, maxFileBytes);
    }

    public string Root { get; }

    public RepoDirectory Repo { get; }

    /// <summary>A small valid repo: two hosts, groups prod and staging, stack 'app' targeted at prod.</summary>
    public static TestRepo Valid()
    {
        var repo = new TestRepo();
        repo.Write("inventory.yaml", Inventory);
        repo.Write("stacks/app/compose.yaml", "services: {}\n");
        repo.Write("stacks/app/stack.yaml", "targets: [prod]\n");
        return repo;
    }

    public TestRepo Write(string path, string content)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    public TestRepo Delete(string path)
    {
        File.Delete(Path.Combine(Root, path));
        return this;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
