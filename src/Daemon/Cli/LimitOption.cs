using System.CommandLine;
using System.Globalization;

namespace GitOps.Daemon.Cli;

/// <summary><c>--limit N</c> of the history verbs: how many entries to list, a positive whole number.</summary>
public sealed class LimitOption(string entries, int defaultLimit = 20)
{
    public Option<string?> Option { get; } = CliOptions.Value("--limit", "N", $"How many {entries} to list (default {defaultLimit}).");

    /// <summary>The limit; null after writing why to <paramref name="error"/>.</summary>
    public async Task<int?> ReadAsync(CommandLine args, string verb, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        if (args.GetValue(Option) is not { } text)
        {
            return defaultLimit;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit >= 1)
        {
            return limit;
        }
        await error.WriteLineAsync($"gitops-agent {verb}: --limit must be a positive whole number, not '{text}'");
        return null;
    }
}
