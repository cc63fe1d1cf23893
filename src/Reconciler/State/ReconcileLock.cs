namespace GitOps.Reconciler.State;

/// <summary>
/// The host-wide "one reconcile at a time" lock: an exclusive lock on <c>&lt;stateDir&gt;/reconcile.lock</c>
/// (flock on Linux), held for the duration of a reconcile, so <c>sync</c> and the daemon never race.
/// The kernel releases it when the holder exits, even on SIGKILL, so a crash never leaves it stuck.
/// </summary>
public sealed class ReconcileLock : IDisposable
{
    public const string FileName = "reconcile.lock";
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(100);

    private readonly FileStream _stream;

    private ReconcileLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock, or returns null at once when another process (or handle) holds it.</summary>
    public static ReconcileLock? TryAcquire(string stateDir)
    {
        Directory.CreateDirectory(stateDir);
        try
        {
            var stream = new FileStream(Path.Combine(stateDir, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            return new ReconcileLock(stream);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the lock; throws <see cref="TimeoutException"/> when it stays held.</summary>
    public static async Task<ReconcileLock> AcquireAsync(string stateDir, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            if (TryAcquire(stateDir) is { } acquired)
            {
                return acquired;
            }
            if (time.GetUtcNow() >= deadline)
            {
                throw new TimeoutException($"another reconcile holds {Path.Combine(stateDir, FileName)} (the daemon or a sync); gave up after {timeout}");
            }
            await Task.Delay(RetryInterval, time, cancellationToken);
        }
    }

    public void Dispose() => _stream.Dispose();
}
