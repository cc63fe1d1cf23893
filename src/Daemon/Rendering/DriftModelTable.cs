using System.Text;
using GitOps.Reconciler.Reporting.Drift;

namespace GitOps.Daemon.Rendering;

/// <summary>The drift table's models section: one line per model (status, version, path, who caused a difference), then its differences.</summary>
internal static class DriftModelTable
{
    public static void Render(StringBuilder text, IReadOnlyList<DriftModel> models)
    {
        if (models.Count == 0)
        {
            return;
        }
        text.Append("\nmodels\n");
        var nameWidth = models.Max(m => m.Name.Length);
        var statusWidth = models.Max(m => ResourceStatusText.Word(m.Status).Length);
        foreach (var model in models)
        {
            text.Append("  ").Append(model.Name.PadRight(nameWidth)).Append("  ").Append(ResourceStatusText.Word(model.Status).PadRight(statusWidth))
                .Append("  version ").Append(model.Version).Append("  ").Append(model.Path);
            if (model.Cause is { } cause)
            {
                text.Append("  (changed by ").Append(cause).Append(')');
            }
            text.Append('\n');
            foreach (var difference in model.Differences)
            {
                text.Append("      ").Append(difference).Append('\n');
            }
            if (model.LastError is { } error)
            {
                text.Append("      error: ").Append(error).Append('\n');
            }
        }
    }
}
