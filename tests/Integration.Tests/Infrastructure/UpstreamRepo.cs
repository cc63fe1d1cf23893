namespace GitOps.Integration.Tests.Infrastructure;

/// <summary>
/// A bare "server" repository plus a working clone that commits and pushes to it with the git CLI, the way
/// a user would. Signing keys are passed per commit, so signed and unsigned commits live side by side.
/// </summary>
public sealed class UpstreamRepo : IDisposable
{
    private readonly TempDirectory _root = new("upstream");

    public UpstreamRepo(string branch = "main")
    {
        Tools.Require("git", "git");
        Branch = branch;
        BarePath = _root.Combine("fleet.git");
        WorkPath = _root.Combine("work");
        Git(_root.Path, ["init", "-q", "--bare", "--initial-branch", branch, BarePath]);
        Git(_root.Path, ["init", "-q", "--initial-branch", branch, WorkPath]);
        Git(WorkPath, ["remote", "add", "origin", BarePath]);
    }

    public string Branch { get; }

    /// <summary>Extra environment for git (e.g. GNUPGHOME for OpenPGP signing).</summary>
    public Dictionary<string, string> Environment { get; } = [];

    public string BarePath { get; }

    public string WorkPath { get; }

    public string FileUrl => "file://" + BarePath;

    /// <summary>Writes files, commits and pushes; returns the commit id.</summary>
    public string Commit(IReadOnlyDictionary<string, string> files, string message = "change", IReadOnlyList<string>? signing = null, bool push = true)
    {
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(WorkPath, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }
        Git(WorkPath, ["add", "-A"]);
        Git(WorkPath, [.. signing ?? [], "commit", "-q", "--allow-empty", "-m", message, .. signing is null ? Array.Empty<string>() : ["-S"]]);
        var id = Head();
        if (push)
        {
            Push();
        }
        return id;
    }

    public string Commit(string path, string content, string message = "change") =>
        Commit(new Dictionary<string, string> { [path] = content }, message);

    public string Head() => Git(WorkPath, ["rev-parse", "HEAD"]).Trim();

    public void Push(bool force = false) =>
        Git(WorkPath, ["push", "-q", .. force ? new[] { "--force" } : [], "origin", $"HEAD:refs/heads/{Branch}"]);

    /// <summary>Rewrites the branch: resets the work clone to <paramref name="commit"/> and force-pushes.</summary>
    public void ResetAndForcePush(string commit)
    {
        Git(WorkPath, ["reset", "-q", "--hard", commit]);
        Push(force: true);
    }

    public void Tag(string name, string message, IReadOnlyList<string>? signing = null)
    {
        Git(WorkPath, [.. signing ?? [], "tag", signing is null ? "-a" : "-s", name, "-m", message]);
        Git(WorkPath, ["push", "-q", "--force", "origin", $"refs/tags/{name}"]);
    }

    public string Git(string directory, IReadOnlyList<string> args)
    {
        var environment = new Dictionary<string, string>(Environment) { ["GIT_CONFIG_NOSYSTEM"] = "1", ["HOME"] = _root.Path };
        return ProcessRunner.Run("git", ["-c", "user.name=Test", "-c", "user.email=test@example.org", .. args], directory, environment).Output;
    }

    public void Dispose() => _root.Dispose();
}
