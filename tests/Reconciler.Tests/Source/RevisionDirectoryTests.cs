using GitOps.Reconciler.Source;
using LibGit2Sharp;
using Microsoft.Extensions.Time.Testing;
using GitRepository = LibGit2Sharp.Repository;

namespace GitOps.Reconciler.Tests.Source;

public sealed class RevisionDirectoryTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "revision-directory-" + Guid.NewGuid().ToString("N"));
    private GitRepository? _repository;

    [Fact]
    public void Materialize_MarksTreeUsedAtTheInjectedClock()
    {
        var at = new DateTimeOffset(2031, 3, 4, 5, 6, 7, TimeSpan.Zero);
        var (commit, tree) = CommitOneFile();
        var directory = new RevisionDirectory(Path.Combine(_root, "revisions"), new FakeTimeProvider(at));

        var target = directory.Materialize(commit, tree, CancellationToken.None);

        Assert.Equal(at.UtcDateTime, Directory.GetLastWriteTimeUtc(target));
        Assert.Equal("hello", File.ReadAllText(Path.Combine(target, "file.txt")));
    }

    [Fact]
    public void Materialize_PartialTreeOlderThanAnHourByTheInjectedClock_IsPruned()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (commit, tree) = CommitOneFile();
        var revisions = Path.Combine(_root, "revisions");
        var partial = Directory.CreateDirectory(Path.Combine(revisions, "abc.partial-12345678")).FullName;
        Directory.SetLastWriteTimeUtc(partial, time.GetUtcNow().UtcDateTime);
        var directory = new RevisionDirectory(revisions, time);

        directory.Materialize(commit, tree, CancellationToken.None);
        Assert.True(Directory.Exists(partial), "a fresh partial tree may still be written");
        time.Advance(TimeSpan.FromHours(2));
        directory.Materialize(commit, tree, CancellationToken.None);

        Assert.False(Directory.Exists(partial));
    }

    [Fact]
    public void TryReuse_TreeOnDisk_MarkedUsedWithoutWriting()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2031, 3, 4, 5, 6, 7, TimeSpan.Zero));
        var (commit, tree) = CommitOneFile();
        var directory = new RevisionDirectory(Path.Combine(_root, "revisions"), time);
        var target = directory.Materialize(commit, tree, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(5));

        Assert.True(directory.TryReuse(commit, target));
        Assert.Equal(time.GetUtcNow().UtcDateTime, Directory.GetLastWriteTimeUtc(target));
    }

    [Fact]
    public void TryReuse_TreeRemoved_FalseAndMaterializeBringsItBack()
    {
        var (commit, tree) = CommitOneFile();
        var directory = new RevisionDirectory(Path.Combine(_root, "revisions"), new FakeTimeProvider(DateTimeOffset.UtcNow));
        var target = directory.Materialize(commit, tree, CancellationToken.None);
        Directory.Delete(target, recursive: true);

        Assert.False(directory.TryReuse(commit, target));
        directory.Materialize(commit, tree, CancellationToken.None);
        Assert.Equal("hello", File.ReadAllText(Path.Combine(target, "file.txt")));
    }

    [Fact]
    public void TryReuse_DirectoryNotThisCommitsTree_False()
    {
        var (commit, tree) = CommitOneFile();
        var directory = new RevisionDirectory(Path.Combine(_root, "revisions"), new FakeTimeProvider(DateTimeOffset.UtcNow));
        var target = directory.Materialize(commit, tree, CancellationToken.None);

        Assert.False(directory.TryReuse(new string('0', 40), target));
        Assert.False(directory.TryReuse(commit, Path.Combine(_root, "work")));
    }

    private (string Commit, Tree Tree) CommitOneFile()
    {
        var work = Path.Combine(_root, "work");
        GitRepository.Init(work);
        var repository = _repository = new GitRepository(work);
        File.WriteAllText(Path.Combine(work, "file.txt"), "hello");
        Commands.Stage(repository, "file.txt");
        var signature = new Signature("test", "test@example.invalid", DateTimeOffset.UnixEpoch);
        var commit = repository.Commit("one file", signature, signature);
        return (commit.Sha, repository.Lookup<Commit>(commit.Sha).Tree);
    }

    public void Dispose()
    {
        _repository?.Dispose();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
