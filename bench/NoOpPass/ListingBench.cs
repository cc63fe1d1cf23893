using System.Diagnostics;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Source;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.Bench.NoOpPass;

/// <summary>
/// The daemon's poll against a git server, repeated: <see cref="GitSource.ResolveRemoteAsync"/> (libgit2's ref
/// listing, what every pass asks of the server), one after the other, with a clone state of its own.
/// </summary>
internal static class ListingBench
{
    public static async Task<string> RunAsync(string url, int count, CancellationToken cancellationToken)
    {
        var state = Directory.CreateTempSubdirectory("listing-bench-").FullName;
        try
        {
            var source = new GitSource(new RepoConfig(url, GitRef.Branch("main"), "", RepoAuth.None), state, NullLogger<GitSource>.Instance);
            await source.ResolveRemoteAsync(cancellationToken);
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < count; i++)
            {
                await source.ResolveRemoteAsync(cancellationToken);
            }
            var elapsed = Stopwatch.GetElapsedTime(started);
            return FormattableString.Invariant($"{count} ref listings of {RepoUrl.Sanitize(url)} in {elapsed.TotalSeconds:0.000} s ({elapsed.TotalMilliseconds / count:0.00} ms each, one after the other)");
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }
}
