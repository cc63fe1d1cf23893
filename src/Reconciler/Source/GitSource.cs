using GitOps.Reconciler.Configuration;
using LibGit2Sharp;
using GitRepository = LibGit2Sharp.Repository;
using Microsoft.Extensions.Logging;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace GitOps.Reconciler.Source;

/// <summary>
/// The config repository over LibGit2Sharp: one bare clone in <c>&lt;stateDir&gt;/repo</c>, an ls-remote per poll,
/// a fetch only when the followed ref moved to a commit not yet held, and clean per-commit trees under
/// <c>&lt;stateDir&gt;/revisions</c>. The remote URL stored in .git/config never carries a password; SSH settings
/// reach OpenSSH through GIT_SSH_COMMAND for the duration of each operation.
/// </summary>
public sealed partial class GitSource : IConfigSource
{
    public const string RemoteName = "origin";

    private readonly RepoConfig _repo;
    private readonly GitCredentials _credentials;
    private readonly RevisionDirectory _revisions;
    private readonly ILogger<GitSource> _logger;
    private readonly RepoTransport _transport;
    private int _fetchCount;

    /// <param name="time">The clock that marks materialized trees as recently used; the system clock when null.</param>
    public GitSource(RepoConfig repo, string stateDir, ILogger<GitSource> logger, int keepRevisions = RevisionDirectory.DefaultKeep, TimeProvider? time = null)
    {
        _repo = repo;
        _logger = logger;
        _credentials = new GitCredentials(repo.Url, repo.Auth);
        _transport = RepoUrl.TransportOf(repo.Url) ?? throw new ArgumentException("unsupported repository URL " + RepoUrl.Sanitize(repo.Url), nameof(repo));
        RepositoryPath = Path.Combine(stateDir, "repo");
        _revisions = new RevisionDirectory(Path.Combine(stateDir, "revisions"), time ?? TimeProvider.System, keepRevisions);
        if (!GitNetworkTimeouts.EnsureDefaults())
        {
            LogNoTimeouts();
        }
    }

    /// <summary>The bare clone's directory.</summary>
    public string RepositoryPath { get; }

    /// <summary>Number of fetches from the remote that completed since this instance was created.</summary>
    public int FetchCount => Volatile.Read(ref _fetchCount);

    /// <summary>The URL as stored in .git/config and shown to people: without any password.</summary>
    public string DisplayUrl => RepoUrl.Sanitize(RepoUrl.WithoutPassword(_repo.Url));

    public Task<SourceRevision> ResolveRemoteAsync(CancellationToken cancellationToken)
    {
        if (_repo.Ref.Kind == GitRefKind.Commit)
        {
            return Task.FromResult(new SourceRevision(_repo.Ref.Name, null));
        }
        return RunAsync("list the remote's refs", repository =>
        {
            var remote = repository.Network.Remotes[RemoteName];
            var references = repository.Network.ListReferences(remote, _credentials.Handler).ToList();
            return ResolveRef(references);
        }, cancellationToken);
    }

    public Task FetchAsync(SourceRevision revision, CancellationToken cancellationToken) =>
        RunAsync("fetch", repository =>
        {
            if (HasObjects(repository, revision))
            {
                LogFetchSkipped(revision.ShortCommit);
                return;
            }
            var options = new FetchOptions
            {
                CredentialsProvider = _credentials.Handler,
                TagFetchMode = TagFetchMode.None,
                OnTransferProgress = _ => !cancellationToken.IsCancellationRequested,
            };
            Commands.Fetch(repository, RemoteName, RefSpecs(), options, null);
            Interlocked.Increment(ref _fetchCount);
            if (!HasObjects(repository, revision))
            {
                throw new SourceException(SourceFailure.FetchFailed,
                    $"commit {revision.Commit} is not on {DisplayUrl} after the fetch (the ref moved meanwhile?)", revision.Commit);
            }
            LogFetched(revision.ShortCommit, DisplayUrl);
        }, cancellationToken);

    public Task<MaterializedRevision> MaterializeAsync(string commit, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            using var repository = OpenOrInit();
            var found = repository.Lookup<Commit>(commit)
                ?? throw new SourceException(SourceFailure.FetchFailed, $"commit {commit} has not been fetched", commit);
            var tree = found.Tree;
            if (_repo.Path.Length > 0)
            {
                tree = found[_repo.Path]?.Target as Tree
                    ?? throw new SourceException(SourceFailure.InvalidRevision, $"commit {commit} has no directory '{_repo.Path}' (repo.path)", commit);
            }
            string directory;
            try
            {
                directory = _revisions.Materialize(found.Sha, tree, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A full disk or a read-only state directory: a source failure to report, retried with backoff.
                throw new SourceException(SourceFailure.FetchFailed, $"cannot write the tree of commit {found.Sha}: {ex.Message}", found.Sha);
            }
            return new MaterializedRevision(found.Sha, directory);
        }, cancellationToken);

    public bool TryReuse(MaterializedRevision tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        return _revisions.TryReuse(tree.Commit, tree.Directory);
    }

    public Task<CommitDescription?> DescribeAsync(string commit, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            using var repository = OpenOrInit();
            return repository.Lookup<Commit>(commit) is { } found
                ? new CommitDescription(found.Sha, found.MessageShort, $"{found.Author.Name} <{found.Author.Email}>")
                : null;
        }, cancellationToken);

    public Task<bool?> DescendsFromAsync(string commit, string ancestor, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            using var repository = OpenOrInit();
            if (repository.Lookup<Commit>(commit) is not { } descendant || repository.Lookup<Commit>(ancestor) is not { } older)
            {
                return (bool?)null;
            }
            return descendant.Sha == older.Sha || repository.ObjectDatabase.FindMergeBase(descendant, older)?.Sha == older.Sha;
        }, cancellationToken);

    private SourceRevision ResolveRef(IReadOnlyList<Reference> references)
    {
        var name = _repo.Ref.RemoteRefName!;
        var direct = references.FirstOrDefault(r => r.CanonicalName == name)
            ?? throw new SourceException(SourceFailure.FetchFailed, $"{_repo.Ref} not found on {DisplayUrl}");
        var peeled = references.FirstOrDefault(r => r.CanonicalName == name + "^{}");
        return peeled is null
            ? new SourceRevision(direct.TargetIdentifier, name)
            : new SourceRevision(peeled.TargetIdentifier, name, direct.TargetIdentifier);
    }

    private static bool HasObjects(GitRepository repository, SourceRevision revision) =>
        repository.Lookup<Commit>(revision.Commit) is not null
        && (revision.TagObject is null || repository.Lookup<TagAnnotation>(revision.TagObject) is not null);

    /// <summary>Forced refspecs, so a force-pushed (rewritten) branch or a moved tag is followed.</summary>
    private string[] RefSpecs() => _repo.Ref.Kind switch
    {
        GitRefKind.Branch => [$"+refs/heads/{_repo.Ref.Name}:refs/remotes/{RemoteName}/{_repo.Ref.Name}"],
        GitRefKind.Tag => [$"+refs/tags/{_repo.Ref.Name}:refs/tags/{_repo.Ref.Name}"],
        _ => [$"+refs/heads/*:refs/remotes/{RemoteName}/*", "+refs/tags/*:refs/tags/*"],
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not set libgit2's network timeouts: a git server that stops answering can hold a poll")]
    private partial void LogNoTimeouts();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Git {Operation} interrupted by a signal ({Message}); trying again")]
    private partial void LogInterrupted(string operation, string message);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Commit {Revision} is already fetched; no fetch")]
    private partial void LogFetchSkipped(string revision);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched {Revision} from {Url}")]
    private partial void LogFetched(string revision, string url);
}
