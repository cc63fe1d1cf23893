using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Reconciliation;

namespace GitOps.Daemon.Cli;

public static class ResultOutput
{
    /// <summary>Why a reconcile stopped before it had a plan: every validation finding, or the engine error.</summary>
    public static async Task WriteFailureAsync(ReconcileResult result, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(error);
        foreach (var diagnostic in result.Diagnostics)
        {
            await error.WriteLineAsync(diagnostic.ToString());
        }
        var errors = result.Diagnostics.Count(d => d.Severity == Severity.Error);
        await error.WriteLineAsync(result.Error ?? $"{result.Status}: {errors} errors; nothing was changed");
    }
}
