namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>
/// The latest drift report of this host, kept as <c>report.json</c> in the state directory so that
/// <c>gitops-agent drift</c> works whether or not the daemon runs. Written atomically (temp file, then rename).
/// A report that cannot be written (disk full) is still the latest in memory (<c>/status</c>), and the failure is
/// kept in <see cref="SaveFailure"/> for the next pass to report.
/// </summary>
public sealed class DriftReportStore(string stateDirectory)
{
    public const string FileName = "report.json";

    private readonly Lock _gate = new();
    private DriftReport? _latest;
    private string? _saveFailure;

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

    public string? SaveFailure
    {
        get
        {
            lock (_gate)
            {
                return _saveFailure;
            }
        }
    }

    public void Save(DriftReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (_gate)
        {
            _latest = report;
            var temporary = Path + ".tmp";
            try
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
                File.WriteAllText(temporary, DriftReportJson.Serialize(report));
                File.Move(temporary, Path, overwrite: true);
                _saveFailure = null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _saveFailure = $"cannot write the drift report {Path}: {ex.Message}";
                TryDelete(temporary);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do on a disk that refuses writes; the next save overwrites it.
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
