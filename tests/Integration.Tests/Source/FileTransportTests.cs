using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Source;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Source;

public sealed class FileTransportTests(ITestOutputHelper output) : IDisposable
{
    private readonly SourceFactory _sources = new(output);
    private readonly UpstreamRepo _upstream = new();
    private readonly TempDirectory _state = new("state");
    private readonly CancellationToken _timeout = SourceFactory.Timeout();

    [Fact]
    public async Task Pull_FileUrl_DirectoryHoldsExactlyTheCommitsTree()
    {
        var commit = _upstream.Commit(new Dictionary<string, string>
        {
            ["inventory.yaml"] = "hosts: {}\n",
            ["stacks/ocr/compose.yaml"] = "services: {}\n",
        });
        var source = _sources.Create(_state, _upstream.FileUrl);

        var revision = await SourceFactory.PullAsync(source, _timeout);

        Assert.Equal(commit, revision.Commit);
        Assert.Equal("hosts: {}\n", File.ReadAllText(Path.Combine(revision.Directory, "inventory.yaml")));
        Assert.Equal("services: {}\n", File.ReadAllText(Path.Combine(revision.Directory, "stacks/ocr/compose.yaml")));
        Assert.False(Directory.Exists(Path.Combine(revision.Directory, ".git")));
        Assert.Equal(2, Directory.GetFiles(revision.Directory, "*", SearchOption.AllDirectories).Length);
        Assert.Equal(1, source.FetchCount);
    }

    [Fact]
    public async Task Pull_SymlinkAndExecutable_KeptAsCommitted()
    {
        _upstream.Commit("scripts/run.sh", "#!/bin/sh\necho hi\n");
        File.CreateSymbolicLink(Path.Combine(_upstream.WorkPath, "current.sh"), "scripts/run.sh");
        var script = Path.Combine(_upstream.WorkPath, "scripts/run.sh");
        File.SetUnixFileMode(script, File.GetUnixFileMode(script) | UnixFileMode.UserExecute);
        _upstream.Commit(new Dictionary<string, string>(), "link and mode");
        var source = _sources.Create(_state, _upstream.FileUrl);

        var revision = await SourceFactory.PullAsync(source, _timeout);

        Assert.Equal("scripts/run.sh", new FileInfo(Path.Combine(revision.Directory, "current.sh")).LinkTarget);
        Assert.True(File.GetUnixFileMode(Path.Combine(revision.Directory, "scripts/run.sh")).HasFlag(UnixFileMode.UserExecute));
    }

    [Fact]
    public async Task Pull_UnchangedRemote_NoSecondFetch()
    {
        _upstream.Commit("a.txt", "1");
        var source = _sources.Create(_state, _upstream.FileUrl);
        await SourceFactory.PullAsync(source, _timeout);

        await SourceFactory.PullAsync(source, _timeout);
        await SourceFactory.PullAsync(source, _timeout);

        Assert.Equal(1, source.FetchCount);
    }

    [Fact]
    public async Task Pull_RestartWithCommitAlreadyFetched_NoFetch()
    {
        _upstream.Commit("a.txt", "1");
        await SourceFactory.PullAsync(_sources.Create(_state, _upstream.FileUrl), _timeout);

        var restarted = _sources.Create(_state, _upstream.FileUrl);
        await SourceFactory.PullAsync(restarted, _timeout);

        Assert.Equal(0, restarted.FetchCount);
    }

    [Fact]
    public async Task Pull_BrokenCloneInStateDir_RecreatedAndFetched()
    {
        var commit = _upstream.Commit("a.txt", "1");
        Directory.CreateDirectory(_state.Combine("repo"));
        File.WriteAllText(_state.Combine("repo", "HEAD"), "garbage left by a crash");
        var source = _sources.Create(_state, _upstream.FileUrl);

        var revision = await SourceFactory.PullAsync(source, _timeout);

        Assert.Equal(commit, revision.Commit);
    }

    [Fact]
    public async Task Resolve_Cancelled_OperationCanceled()
    {
        _upstream.Commit("a.txt", "1");
        var source = _sources.Create(_state, _upstream.FileUrl);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => source.ResolveRemoteAsync(new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task Pull_NewCommit_FetchedAndMaterialized()
    {
        _upstream.Commit("a.txt", "1");
        var source = _sources.Create(_state, _upstream.FileUrl);
        var first = await SourceFactory.PullAsync(source, _timeout);

        var second = _upstream.Commit(new Dictionary<string, string> { ["a.txt"] = "2", ["b.txt"] = "new" });
        var revision = await SourceFactory.PullAsync(source, _timeout);

        Assert.Equal(second, revision.Commit);
        Assert.Equal("2", File.ReadAllText(Path.Combine(revision.Directory, "a.txt")));
        Assert.Equal("1", File.ReadAllText(Path.Combine(first.Directory, "a.txt")));
        Assert.Equal(2, source.FetchCount);
    }

    [Fact]
    public async Task Pull_ForcePushedBranch_Followed()
    {
        var a = _upstream.Commit("a.txt", "a");
        _upstream.Commit("a.txt", "b");
        var source = _sources.Create(_state, _upstream.FileUrl);
        await SourceFactory.PullAsync(source, _timeout);

        _upstream.ResetAndForcePush(a);
        var rewritten = _upstream.Commit("a.txt", "c (rewritten history)");
        var revision = await SourceFactory.PullAsync(source, _timeout);

        Assert.Equal(rewritten, revision.Commit);
        Assert.Equal("c (rewritten history)", File.ReadAllText(Path.Combine(revision.Directory, "a.txt")));
    }

    [Fact]
    public async Task Pull_Tag_ResolvesToTaggedCommitNotBranchHead()
    {
        var tagged = _upstream.Commit("a.txt", "release");
        _upstream.Tag("v1.0.0", "release 1.0.0");
        _upstream.Commit("a.txt", "later work");
        var source = _sources.Create(_state, _upstream.FileUrl, GitRef.Tag("v1.0.0"));

        var remote = await source.ResolveRemoteAsync(_timeout);
        var revision = await SourceFactory.PullAsync(source, _timeout);

        Assert.Equal(tagged, remote.Commit);
        Assert.NotNull(remote.TagObject);
        Assert.Equal("release", File.ReadAllText(Path.Combine(revision.Directory, "a.txt")));
    }

    [Fact]
    public async Task Pull_PinnedCommit_HonouredWhileBranchMoves()
    {
        var pinned = _upstream.Commit("a.txt", "pinned");
        _upstream.Commit("a.txt", "head");
        var source = _sources.Create(_state, _upstream.FileUrl, GitRef.Commit(pinned));

        var revision = await SourceFactory.PullAsync(source, _timeout);

        Assert.Equal(pinned, revision.Commit);
        Assert.Equal("pinned", File.ReadAllText(Path.Combine(revision.Directory, "a.txt")));
    }

    [Fact]
    public async Task Pull_TagMovedToAnotherCommit_Followed()
    {
        _upstream.Commit("a.txt", "first");
        _upstream.Tag("stable", "first stable");
        var source = _sources.Create(_state, _upstream.FileUrl, GitRef.Tag("stable"));
        await SourceFactory.PullAsync(source, _timeout);

        var second = _upstream.Commit("a.txt", "second");
        _upstream.Git(_upstream.WorkPath, ["tag", "-f", "-a", "stable", "-m", "second stable"]);
        _upstream.Git(_upstream.WorkPath, ["push", "-q", "--force", "origin", "refs/tags/stable"]);
        var revision = await SourceFactory.PullAsync(source, _timeout);

        Assert.Equal(second, revision.Commit);
        Assert.Equal("second", File.ReadAllText(Path.Combine(revision.Directory, "a.txt")));
    }

    [Fact]
    public async Task Fetch_PinnedCommitNotOnRemote_FetchFailed()
    {
        _upstream.Commit("a.txt", "1");
        const string missing = "0123456789abcdef0123456789abcdef01234567";
        var source = _sources.Create(_state, _upstream.FileUrl, GitRef.Commit(missing));

        var ex = await Assert.ThrowsAsync<SourceException>(() => SourceFactory.PullAsync(source, _timeout));

        Assert.Equal(SourceFailure.FetchFailed, ex.Reason);
        Assert.Equal(missing, ex.Commit);
    }

    /// <summary>libgit2 follows git's safe.directory rule: a local repository another user owns is refused.</summary>
    [Fact]
    public async Task Resolve_RepositoryOwnedByAnotherUser_FetchFailedNamingTheOwnerAndTheRule()
    {
        _upstream.Commit("a.txt", "1");
        ProcessRunner.Run("chown", ["-R", "nobody", _upstream.BarePath]);
        var source = _sources.Create(_state, _upstream.FileUrl);

        var ex = await Assert.ThrowsAsync<SourceException>(() => SourceFactory.PullAsync(source, _timeout));

        Assert.Equal(SourceFailure.FetchFailed, ex.Reason);
        Assert.Contains($"{_upstream.BarePath} is owned by nobody", ex.Message, StringComparison.Ordinal);
        Assert.Contains("safe.directory", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"chown -R {Environment.UserName} {_upstream.BarePath}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_SubPath_OnlyThatDirectory()
    {
        _upstream.Commit(new Dictionary<string, string> { ["envs/prod/inventory.yaml"] = "x", ["README.md"] = "r" });
        var source = _sources.Create(_state, _upstream.FileUrl, path: "envs/prod");

        var revision = await SourceFactory.PullAsync(source, _timeout);

        Assert.Equal(["inventory.yaml"], Directory.GetFiles(revision.Directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Materialize_MissingSubPath_InvalidRevision()
    {
        var commit = _upstream.Commit("a.txt", "1");
        var source = _sources.Create(_state, _upstream.FileUrl, path: "envs/prod");

        var ex = await Assert.ThrowsAsync<SourceException>(() => SourceFactory.PullAsync(source, _timeout));

        Assert.Equal(SourceFailure.InvalidRevision, ex.Reason);
        Assert.Equal(commit, ex.Commit);
    }

    [Fact]
    public async Task Resolve_MissingBranch_FetchFailed()
    {
        _upstream.Commit("a.txt", "1");
        var source = _sources.Create(_state, _upstream.FileUrl, GitRef.Branch("nope"));

        var ex = await Assert.ThrowsAsync<SourceException>(() => source.ResolveRemoteAsync(_timeout));

        Assert.Equal(SourceFailure.FetchFailed, ex.Reason);
        Assert.Contains("branch nope not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_RemoteGoneThenBack_FetchFailedThenRecovers()
    {
        _upstream.Commit("a.txt", "1");
        var source = _sources.Create(_state, _upstream.FileUrl);
        await SourceFactory.PullAsync(source, _timeout);
        var moved = _upstream.BarePath + ".away";

        Directory.Move(_upstream.BarePath, moved);
        var ex = await Assert.ThrowsAsync<SourceException>(() => source.ResolveRemoteAsync(_timeout));
        Directory.Move(moved, _upstream.BarePath);
        var next = _upstream.Commit("a.txt", "2");
        var revision = await SourceFactory.PullAsync(source, _timeout);

        Assert.Equal(SourceFailure.FetchFailed, ex.Reason);
        Assert.Equal(next, revision.Commit);
    }

    [Fact]
    public async Task Materialize_ManyRevisions_OnlyTheLastFewKept()
    {
        var source = _sources.Create(_state, _upstream.FileUrl);
        for (var i = 0; i < 5; i++)
        {
            _upstream.Commit("a.txt", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await SourceFactory.PullAsync(source, _timeout);
        }

        Assert.Equal(RevisionDirectory.DefaultKeep, Directory.GetDirectories(_state.Combine("revisions")).Length);
    }

    public void Dispose()
    {
        _upstream.Dispose();
        _state.Dispose();
    }
}
