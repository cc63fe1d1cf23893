using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Source;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Source;

/// <summary>Git sources for one test, logging to the test's output (shown when it fails).</summary>
internal sealed class SourceFactory(ITestOutputHelper output)
{
    private readonly ILoggerFactory _loggers = TestOutputLoggerProvider.Factory(output);

    public GitSource Create(TempDirectory state, string url, GitRef? gitRef = null, RepoAuth? auth = null, string path = "") =>
        new(new RepoConfig(url, gitRef ?? GitRef.Branch("main"), path, auth ?? RepoAuth.None), state.Path, _loggers.CreateLogger<GitSource>());

    public ILogger<T> Logger<T>() => _loggers.CreateLogger<T>();

    /// <summary>Resolve, fetch and materialize: one pass of the source stages.</summary>
    public static async Task<MaterializedRevision> PullAsync(GitSource source, CancellationToken cancellationToken)
    {
        var revision = await source.ResolveRemoteAsync(cancellationToken);
        await source.FetchAsync(revision, cancellationToken);
        return await source.MaterializeAsync(revision.Commit, cancellationToken);
    }

    public static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;
}
