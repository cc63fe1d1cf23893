using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Configuration;

public sealed record LogConfig(LogFormat Format, LogLevel Level)
{
    public static readonly LogConfig Default = new(LogFormat.Console, LogLevel.Information);
}
