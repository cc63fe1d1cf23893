using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>
/// The last desired state loaded for a revision, reused while its <see cref="DesiredStateKey"/> is unchanged: a pass on
/// an unchanged commit (and the re-plan after an apply, the pull stage, the drift monitor) does not read, parse and
/// validate the whole repository again. Only a valid load is kept, so a revision that failed to load (a file that could
/// not be read) is loaded again next time. Safe to share between concurrent plans: the entry is replaced whole.
/// </summary>
public sealed class DesiredStateCache
{
    private Entry? _last;
    private int _loads;

    /// <summary>How many loads were made rather than reused (what the tests and the bench count).</summary>
    public int Loads => Volatile.Read(ref _loads);

    public (DesiredState? Desired, IReadOnlyList<Diagnostic> Diagnostics) GetOrLoad(
        DesiredStateKey? key, Func<(DesiredState? Desired, IReadOnlyList<Diagnostic> Diagnostics)> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (key is not null && Volatile.Read(ref _last) is { } last && last.Key == key)
        {
            return (last.Desired, last.Diagnostics);
        }
        Interlocked.Increment(ref _loads);
        var loaded = load();
        if (key is not null && loaded.Desired is { } desired)
        {
            Volatile.Write(ref _last, new Entry(key, desired, loaded.Diagnostics));
        }
        return loaded;
    }

    private sealed record Entry(DesiredStateKey Key, DesiredState Desired, IReadOnlyList<Diagnostic> Diagnostics);
}
