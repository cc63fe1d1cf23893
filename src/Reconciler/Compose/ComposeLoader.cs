using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Compose;

/// <summary>Loads, interpolates, validates and normalises one compose file into a <see cref="StackSpec"/>.</summary>
public static class ComposeLoader
{
    /// <summary>Returns the normalised project, or null when the file has errors (all reported to <paramref name="diagnostics"/>).</summary>
    public static StackSpec? Load(ComposeSource source, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(diagnostics);
        throw new NotSupportedException("compose loading is being written");
    }
}
