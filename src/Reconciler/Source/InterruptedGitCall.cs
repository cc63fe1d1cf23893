using LibGit2Sharp;

namespace GitOps.Reconciler.Source;

/// <summary>
/// Runs a libgit2 network operation again when a signal cut it short. Once its socket timeouts are set
/// (<see cref="GitNetworkTimeouts"/>) libgit2 waits on its sockets with poll(), which a signal handler always ends with
/// EINTR, and libgit2 reports that as a failure ("Interrupted system call"). The runtime signals its own threads (to
/// suspend them for a garbage collection), so a busy process sees this now and then although the server is fine. Both
/// network operations (listing refs, fetching) are safe to repeat; the attempts are bounded.
/// </summary>
internal static class InterruptedGitCall
{
    public const int MaxAttempts = 3;

    /// <param name="retrying">Told of each interrupted attempt that is run again.</param>
    public static T Run<T>(Func<T> operation, Action<LibGit2SharpException> retrying)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return operation();
            }
            catch (LibGit2SharpException ex) when (attempt < MaxAttempts && IsInterrupted(ex))
            {
                retrying(ex);
            }
        }
    }

    // strerror(EINTR) as libgit2 appends it; a localized message only loses the retry, never hides another failure.
    public static bool IsInterrupted(LibGit2SharpException exception) =>
        exception.Message.Contains("Interrupted system call", StringComparison.Ordinal);
}
