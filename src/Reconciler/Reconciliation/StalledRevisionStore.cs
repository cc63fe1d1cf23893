using System.Globalization;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Reporting.Drift;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>
/// Keeps the stalled commit in the state directory (<c>stalled-revision</c>), so a restart does not retry it.
/// A plain text file: commit, status, reason, then one tab-separated diagnostic per line. An unreadable file is ignored.
/// </summary>
public sealed class StalledRevisionStore(string stateDirectory) : IStalledRevisionStore
{
    public const string FileName = "stalled-revision";

    public string Path { get; } = System.IO.Path.Combine(stateDirectory, FileName);

    /// <summary>
    /// What the host judged revisions by besides the revision itself (its host policy's fingerprint). A stall saved
    /// under another judgement is not restored: after agent.yaml allows what a commit asked, that commit is tried again.
    /// </summary>
    public string? Judgement { get; init; }

    private string JudgementPath => Path + ".judged-by";

    public StalledRevision? Load()
    {
        try
        {
            var lines = File.Exists(Path) ? File.ReadAllLines(Path) : [];
            if (Judgement is not null && File.Exists(JudgementPath) && File.ReadAllText(JudgementPath).Trim() != Judgement)
            {
                return null;
            }
            if (lines.Length < 3 || !Enum.TryParse<ReconcileStatus>(lines[1], out var status))
            {
                return null;
            }
            var diagnostics = lines.Skip(3).Select(ParseDiagnostic).OfType<DriftDiagnostic>();
            return new StalledRevision(lines[0], status, new DriftStall(lines[2], ValueList.From(diagnostics)));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Save(StalledRevision stalled)
    {
        ArgumentNullException.ThrowIfNull(stalled);
        var lines = new List<string> { stalled.Commit, stalled.Status.ToString(), OneLine(stalled.Stall.Reason) };
        lines.AddRange(stalled.Stall.Diagnostics.Select(d =>
            string.Join('\t', OneLine(d.File), d.Line.ToString(CultureInfo.InvariantCulture), d.Column.ToString(CultureInfo.InvariantCulture), OneLine(d.Message))));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temporary = Path + ".tmp";
        File.WriteAllLines(temporary, lines);
        if (Judgement is not null)
        {
            File.WriteAllText(JudgementPath, Judgement);
        }
        File.Move(temporary, Path, overwrite: true);
    }

    public void Clear()
    {
        File.Delete(Path);
        File.Delete(JudgementPath);
    }

    private static DriftDiagnostic? ParseDiagnostic(string line)
    {
        var parts = line.Split('\t');
        return parts.Length == 4
            && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var row)
            && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var column)
            ? new DriftDiagnostic(parts[0], row, column, parts[3])
            : null;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Replace('\t', ' ');
}
