namespace GitOps.Reconciler.Configuration;

/// <summary>Where the HTTP endpoints listen. Loopback by default: status and metrics are not for the network unless asked.</summary>
public sealed record ListenAddress(string Host, int Port)
{
    public const int DefaultPort = 9420;
    public static readonly ListenAddress Default = new("127.0.0.1", DefaultPort);

    /// <summary>Only this machine can reach it (127.0.0.0/8, ::1, localhost).</summary>
    public bool IsLoopback => string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (System.Net.IPAddress.TryParse(Host, out var address) && System.Net.IPAddress.IsLoopback(address));

    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
