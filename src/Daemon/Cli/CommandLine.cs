namespace GitOps.Daemon.Cli;

/// <summary>
/// Parsed arguments of one verb: <c>--name value</c>, <c>--name=value</c>, bare <c>--flag</c>, and positionals.
/// Which options take a value is declared by the verb, so a flag never swallows the next positional.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Positionals { get; private set; } = [];

    public bool Help => _flags.Contains("help") || _flags.Contains("h");

    public bool Flag(string name) => _flags.Contains(name);

    public string? Value(string name) => _values.GetValueOrDefault(name);

    /// <summary>Parses <paramref name="args"/>; throws <see cref="UsageException"/> on an unknown option or a missing value.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args, CommandSpec spec)
    {
        var positionals = new List<string>();
        var line = new CommandLine();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                line._flags.Add("help");
                continue;
            }
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                positionals.Add(arg);
                continue;
            }
            var name = arg[2..];
            string? inline = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                inline = name[(eq + 1)..];
                name = name[..eq];
            }
            var option = spec.Options.FirstOrDefault(o => o.Name == name)
                ?? throw new UsageException($"unknown option '--{name}' for '{spec.Name}'");
            if (!option.TakesValue)
            {
                line._flags.Add(name);
                continue;
            }
            var value = inline ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"option '--{name}' needs a value"));
            line._values[name] = value;
        }
        if (positionals.Count > spec.Positionals.Count)
        {
            throw new UsageException($"unexpected argument '{positionals[spec.Positionals.Count]}' for '{spec.Name}'");
        }
        line.Positionals = positionals;
        return line;
    }
}

public sealed class UsageException(string message) : Exception(message);
