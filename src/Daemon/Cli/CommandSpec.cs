using System.CommandLine;
using System.Text;

namespace GitOps.Daemon.Cli;

/// <summary>
/// The declaration of one verb: a System.CommandLine <see cref="Command"/> (name, summary, arguments, typed options)
/// plus the <see cref="Details"/> its help ends with. The parser, <c>--help</c> and the shell completion scripts are
/// all generated from it, so an option declared here is accepted, documented and completed at once.
/// </summary>
public sealed class CommandSpec : Command
{
    public CommandSpec(string name, string summary, string? details = null)
        : base(name, summary)
    {
        Details = details;
        Options.Add(Help);
    }

    /// <summary><c>-h, --help</c>: every verb has it; the dispatcher prints <see cref="Usage"/> when it is given.</summary>
    public Option<bool> Help { get; } = new("--help", "-h") { Description = "Show this help.", Arity = ArgumentArity.Zero };

    /// <summary>Adds options in order (for groups of options declared once and shared, such as a sync target's).</summary>
    public void AddAll(IEnumerable<Option> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var option in options)
        {
            Options.Add(option);
        }
    }

    /// <summary>
    /// The word a two-word verb is grouped under (<c>task</c> for <c>task run</c>); null for a verb of its own.
    /// The dispatcher, the overview and the completion scripts treat the group as a verb whose words are its members.
    /// </summary>
    public string? Group { get; init; }

    /// <summary>The verb as typed: <c>plan</c>, or <c>task run</c> for a member of a group.</summary>
    public string FullName => Group is null ? Name : Group + " " + Name;

    /// <summary>What the help says after the options: exit status, files, caveats.</summary>
    public string? Details { get; }

    /// <summary>The options a verb declared, in declaration order, without <see cref="Help"/>.</summary>
    public IEnumerable<Option> Declared => Options.Where(o => o != Help);

    public static bool TakesValue(Option option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return option.Arity.MaximumNumberOfValues > 0;
    }

    public static bool IsRequired(Argument argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        return argument.Arity.MinimumNumberOfValues > 0;
    }

    public static string ValueName(Option option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return option.HelpName ?? "VALUE";
    }

    public static string DisplayName(Argument argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        return argument.HelpName ?? argument.Name;
    }

    /// <summary>The verb's help, generated from its symbols in the layout every verb shares.</summary>
    public string Usage()
    {
        var text = new StringBuilder();
        text.Append("Usage: gitops-agent ").Append(FullName);
        foreach (var argument in Arguments)
        {
            text.Append(IsRequired(argument) ? $" <{DisplayName(argument)}>" : $" [{DisplayName(argument)}]");
        }
        if (Declared.Any())
        {
            text.Append(" [options]");
        }
        text.AppendLine().AppendLine().AppendLine(Description);
        if (Arguments.Count > 0)
        {
            text.AppendLine().AppendLine("Arguments:");
            foreach (var argument in Arguments)
            {
                text.AppendLine($"  {DisplayName(argument),-22} {argument.Description}");
            }
        }
        text.AppendLine().AppendLine("Options:");
        foreach (var option in Declared)
        {
            var left = TakesValue(option) ? $"{option.Name} {ValueName(option)}" : option.Name;
            text.AppendLine($"  {left,-22} {option.Description}");
        }
        text.AppendLine($"  {"-h, --help",-22} {Help.Description}");
        if (Details is not null)
        {
            text.AppendLine().AppendLine(Details);
        }
        return text.ToString();
    }
}
