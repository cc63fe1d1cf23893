namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>
/// The latest drift report of this host, kept as <c>report.json</c> in the state directory so that
/// <c>gitops-agent drift</c> works whether or not the daemon runs. Written atomically (temp file, then rename).
/// </summary>
public sealed class DriftReportStore(string stateDirectory)
{
    public const string FileName = "report.json";

    private readonly Lock _gate = new();
    private DriftReport? _latest;

    public string Path { get; } = System.IO.Path.Combine(stateDirectory, FileName);

    /// <summary>The last saved report, read from disk once and then kept in memory.</summary>
    public DriftReport? Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest ??= Read();
            }
        }
    }

    public void Save(DriftReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (_gate)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            var temporary = Path + ".tmp";
            File.WriteAllText(temporary, DriftReportJson.Serialize(report));
            File.Move(temporary, Path, overwrite: true);
            _latest = report;
        }
    }

    /// <summary>Null when no report was saved yet or the file is unreadable (the next reconcile rewrites it).</summary>
    private DriftReport? Read()
    {
        try
        {
            return File.Exists(Path) ? DriftReportJson.Deserialize(File.ReadAllText(Path)) : null;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or IOException or InvalidOperationException)
        {
            return null;
        }
    }
}
