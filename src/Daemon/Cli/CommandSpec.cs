using System.Text;

namespace GitOps.Daemon.Cli;

public sealed record OptionSpec(string Name, string Description, bool TakesValue = false, string ValueName = "VALUE");

public sealed record PositionalSpec(string Name, string Description, bool Required = true);

/// <summary>The declared shape of a verb: what <c>--help</c> prints and what the parser accepts.</summary>
public sealed record CommandSpec(
    string Name,
    string Summary,
    IReadOnlyList<PositionalSpec> Positionals,
    IReadOnlyList<OptionSpec> Options,
    string? Details = null)
{
    public string Usage()
    {
        var text = new StringBuilder();
        text.Append("Usage: gitops-agent ").Append(Name);
        foreach (var p in Positionals)
        {
            text.Append(p.Required ? $" <{p.Name}>" : $" [{p.Name}]");
        }
        if (Options.Count > 0)
        {
            text.Append(" [options]");
        }
        text.AppendLine().AppendLine().AppendLine(Summary);
        if (Positionals.Count > 0)
        {
            text.AppendLine().AppendLine("Arguments:");
            foreach (var p in Positionals)
            {
                text.AppendLine($"  {p.Name,-22} {p.Description}");
            }
        }
        text.AppendLine().AppendLine("Options:");
        foreach (var o in Options)
        {
            var left = o.TakesValue ? $"--{o.Name} {o.ValueName}" : $"--{o.Name}";
            text.AppendLine($"  {left,-22} {o.Description}");
        }
        text.AppendLine($"  {"-h, --help",-22} Show this help.");
        if (Details is not null)
        {
            text.AppendLine().AppendLine(Details);
        }
        return text.ToString();
    }
}
