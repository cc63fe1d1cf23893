using GitOps.Reconciler.Common;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Repository;
using LibGit2Sharp;
using GitRepository = LibGit2Sharp.Repository;

namespace GitOps.Reconciler.Fleet;

/// <summary>
/// What the fleet views need from git: the followed ref's head in the agent's clone (or HEAD of another repository),
/// the inventory at that head, and how many commits a host's commit is behind it.
/// </summary>
public sealed class FleetRepo : IDisposable
{
    private readonly GitRepository _repository;
    private readonly Commit _head;
    private readonly string _subPath;

    private FleetRepo(GitRepository repository, Commit head, string subPath)
    {
        _repository = repository;
        _head = head;
        _subPath = subPath;
    }

    public string HeadCommit => _head.Sha;

    /// <summary>The agent's clone at the ref <paramref name="repo"/> follows; or, with null, any repository at its HEAD.</summary>
    public static FleetRepo Open(string repositoryPath, RepoConfig? repo)
    {
        if (!GitRepository.IsValid(repositoryPath))
        {
            throw new InvalidOperationException($"no git repository at {repositoryPath} (the agent clones the config repository there on its first poll)");
        }
        var repository = new GitRepository(repositoryPath);
        var name = repo is null ? "HEAD" : repo.Ref.Kind switch
        {
            GitRefKind.Branch => $"refs/remotes/origin/{repo.Ref.Name}",
            GitRefKind.Tag => $"refs/tags/{repo.Ref.Name}",
            _ => repo.Ref.Name,
        };
        if (repository.Lookup(name)?.Peel<Commit>() is not { } head)
        {
            repository.Dispose();
            throw new InvalidOperationException($"{name} is not in the repository at {repositoryPath} yet");
        }
        return new FleetRepo(repository, head, repo?.Path ?? "");
    }

    /// <summary>The inventory's hosts with their groups at the head; errors when the inventory is missing or invalid.</summary>
    public IReadOnlyDictionary<string, ValueList<string>> Hosts()
    {
        var path = _subPath.Length == 0 ? Inventory.FileName : _subPath + "/" + Inventory.FileName;
        if (_head[path]?.Target is not Blob blob)
        {
            throw new InvalidOperationException($"{path} is not in commit {_head.Sha[..12]}");
        }
        var directory = Directory.CreateTempSubdirectory("gitops-fleet-");
        try
        {
            using (var content = blob.GetContentStream())
            using (var file = File.Create(Path.Combine(directory.FullName, Inventory.FileName)))
            {
                content.CopyTo(file);
            }
            var diagnostics = new DiagnosticBag();
            var inventory = InventoryLoader.Load(new RepoDirectory(directory.FullName), diagnostics);
            if (inventory is null || diagnostics.HasErrors)
            {
                throw new InvalidOperationException($"{path} at {_head.Sha[..12]} is invalid: "
                    + string.Join("; ", diagnostics.Sorted().Select(d => d.Message)));
            }
            return inventory.Hosts.ToDictionary(h => h.Key, h => h.Value.Groups, StringComparer.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Commits in the head's history that <paramref name="commit"/> does not have; null when the clone lacks it.</summary>
    public int? Behind(string commit)
    {
        if (_repository.Lookup<Commit>(commit) is not { } known)
        {
            return null;
        }
        return _repository.ObjectDatabase.CalculateHistoryDivergence(known, _head).BehindBy;
    }

    public void Dispose() => _repository.Dispose();
}
