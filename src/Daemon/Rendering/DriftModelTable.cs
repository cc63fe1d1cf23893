using System.Text;
using GitOps.Reconciler.Reporting.Drift;

namespace GitOps.Daemon.Rendering;

/// <summary>The drift table's models section: one line per model (status, version, path, who caused a difference), then its differences.</summary>
internal static class DriftModelTable
{
    private static readonly DriftKindSection<DriftModel> Section = new(
        "models",
        model => model.Name,
        model => ResourceStatusText.Word(model.Status),
        model => $"  version {model.Version}  {model.Path}",
        model => model.Cause is { } cause ? "changed by " + cause : null,
        model => model.LastError is { } error ? model.Differences.Append("error: " + error) : model.Differences);

    public static void Render(StringBuilder text, IReadOnlyList<DriftModel> models) => Section.Render(text, models);
}
