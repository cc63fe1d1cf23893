namespace GitOps.Bench.DriftLatency;

public enum LatencyMode
{
    /// <summary>Docker events wake the drift monitor.</summary>
    Events,

    /// <summary>No events: the report is refreshed once per poll interval, as the daemon's poll would.</summary>
    Poll,
}
