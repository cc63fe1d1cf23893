using System.CommandLine;
using GitOps.Reconciler.Configuration;

namespace GitOps.Daemon.Cli;

/// <summary>
/// The options several verbs share, each defined once: its name, value name and parsing. A verb creates its own
/// instance (each verb's symbols belong to its own command) and may word the description for what it does with it.
/// </summary>
public static class CliOptions
{
    /// <summary>A switch: present or not, never followed by a value (so it cannot swallow the next argument).</summary>
    public static Option<bool> Flag(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary>An option with one value, shown in help as <c>--name VALUENAME</c>.</summary>
    public static Option<string?> Value(string name, string valueName, string description) =>
        new(name) { Description = description, HelpName = valueName };

    public static Option<bool> Json(string description) => Flag("--json", description);

    public static Option<string?> Config(string? description = null) =>
        Value("--config", "FILE", description ?? $"The agent configuration (default {AgentConfig.DefaultPath}).");

    public static Option<string?> StateDirectory(string? description = null) =>
        Value("--state-dir", "DIR", description ?? $"The agent's state directory (default {AgentDefaults.StateDirectory}).");

    public static Option<string?> Host(string description) => Value("--host", "HOST", description);

    public static Option<bool> Verbose() => Flag("--verbose", "Log what the agent does to stderr.");

    /// <summary>A required directory argument, completed with directory names.</summary>
    public static Argument<string> Directory(string description) =>
        new("dir") { Description = description, Arity = ArgumentArity.ExactlyOne };
}
