using System.CommandLine;
using System.CommandLine.Completions;
using System.Text;

namespace GitOps.Daemon.Cli;

/// <summary>
/// Shell completion scripts generated from the command tree: verbs, each verb's options, fixed values (an argument
/// that accepts only some words), and file or directory names where an option or argument names one
/// (value name FILE, PATH or DIR; an argument called dir). Static, so completing never starts the agent.
/// </summary>
public static class CompletionScript
{
    public static readonly IReadOnlyList<string> Shells = ["bash", "zsh"];

    public static string For(string shell, IReadOnlyList<CommandSpec> verbs) => shell switch
    {
        "bash" => Bash(verbs),
        "zsh" => Zsh(verbs),
        _ => throw new ArgumentException($"no completion for shell '{shell}'; expected one of: {string.Join(", ", Shells)}", nameof(shell)),
    };

    private enum ValueKind
    {
        None,
        Words,
        File,
        Directory,
    }

    private static string Bash(IReadOnlyList<CommandSpec> verbs)
    {
        ArgumentNullException.ThrowIfNull(verbs);
        var text = new StringBuilder();
        text.Append("# bash completion for gitops-agent, printed by 'gitops-agent completion bash'.\n");
        text.Append("# Load it with: source <(gitops-agent completion bash)\n");
        text.Append("_gitops_agent() {\n");
        text.Append("    local cur prev verb\n");
        text.Append("    cur=\"${COMP_WORDS[COMP_CWORD]}\"\n");
        text.Append("    prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n");
        text.Append("    COMPREPLY=()\n");
        text.Append("    if [ \"$COMP_CWORD\" -eq 1 ]; then\n");
        text.Append("        COMPREPLY=($(compgen -W '").Append(string.Join(' ', TopWords(verbs).Append("--help"))).Append("' -- \"$cur\"))\n");
        text.Append("        return 0\n");
        text.Append("    fi\n");
        text.Append("    verb=\"${COMP_WORDS[1]}\"\n");
        foreach (var group in Groups(verbs))
        {
            // A group's second word is its verb: complete the members, then treat "group member" as one verb. A group that
            // is also a verb (models, models gc) leaves options to that verb.
            var alsoVerb = verbs.Any(v => v.Group is null && v.Name == group.Key);
            text.Append("    if [ \"$verb\" = ").Append(group.Key).Append(" ]; then\n");
            text.Append("        if [ \"$COMP_CWORD\" -eq 2 ]").Append(alsoVerb ? " && [[ \"$cur\" != -* ]]" : "").Append("; then\n");
            text.Append("            COMPREPLY=($(compgen -W '").Append(string.Join(' ', group.Select(v => v.Name))).Append("' -- \"$cur\"))\n");
            text.Append("            return 0\n");
            text.Append("        fi\n");
            text.Append("        case \"${COMP_WORDS[2]}\" in ").Append(string.Join('|', group.Select(v => v.Name))).Append(") verb=\"$verb ${COMP_WORDS[2]}\" ;; esac\n");
            text.Append("    fi\n");
        }
        text.Append("    case \"$verb\" in\n");
        foreach (var verb in verbs)
        {
            text.Append("        ").Append(verb.Group is null ? verb.Name : Quote(verb.FullName)).Append(")\n");
            var valued = verb.Declared.Where(CommandSpec.TakesValue).ToList();
            if (valued.Count > 0)
            {
                text.Append("            case \"$prev\" in\n");
                foreach (var option in valued)
                {
                    text.Append("                ").Append(option.Name).Append(") ").Append(BashValues(Kind(option), Words(option))).Append(" return 0 ;;\n");
                }
                text.Append("            esac\n");
            }
            var options = verb.Declared.Select(o => o.Name).Append("--help");
            text.Append("            if [[ \"$cur\" == -* ]]; then\n");
            text.Append("                COMPREPLY=($(compgen -W '").Append(string.Join(' ', options)).Append("' -- \"$cur\"))\n");
            if (verb.Arguments.FirstOrDefault() is { } argument)
            {
                text.Append("            else\n");
                text.Append("                ").Append(BashValues(Kind(argument), Words(argument))).Append('\n');
            }
            text.Append("            fi\n");
            text.Append("            ;;\n");
        }
        text.Append("    esac\n");
        text.Append("    return 0\n");
        text.Append("}\n");
        text.Append("complete -o filenames -F _gitops_agent gitops-agent\n");
        return text.ToString();
    }

    /// <summary>The first words: verbs of their own and group names, in catalog order.</summary>
    private static IEnumerable<string> TopWords(IReadOnlyList<CommandSpec> verbs) =>
        verbs.Select(v => v.Group ?? v.Name).Distinct(StringComparer.Ordinal);

    private static IEnumerable<IGrouping<string, CommandSpec>> Groups(IReadOnlyList<CommandSpec> verbs) =>
        verbs.Where(v => v.Group is not null).GroupBy(v => v.Group!, StringComparer.Ordinal);

    private static string BashValues(ValueKind kind, IReadOnlyList<string> words) => kind switch
    {
        ValueKind.Words => $"COMPREPLY=($(compgen -W '{string.Join(' ', words)}' -- \"$cur\"));",
        ValueKind.File => "COMPREPLY=($(compgen -f -- \"$cur\"));",
        ValueKind.Directory => "COMPREPLY=($(compgen -d -- \"$cur\"));",
        _ => ":;",
    };

    private static string Zsh(IReadOnlyList<CommandSpec> verbs)
    {
        ArgumentNullException.ThrowIfNull(verbs);
        var text = new StringBuilder();
        text.Append("#compdef gitops-agent\n");
        text.Append("# zsh completion for gitops-agent, printed by 'gitops-agent completion zsh'.\n");
        text.Append("# Load it with: source <(gitops-agent completion zsh)   (after compinit), or save it as _gitops-agent in $fpath.\n");
        text.Append("_gitops_agent() {\n");
        text.Append("    local -a verbs\n");
        text.Append("    verbs=(\n");
        foreach (var word in TopWords(verbs))
        {
            var verb = verbs.FirstOrDefault(v => v.Group is null && v.Name == word);
            var description = verb?.Description ?? "Verbs of " + word + ": " + string.Join(", ", verbs.Where(v => v.Group == word).Select(v => v.Name)) + ".";
            text.Append("        ").Append(Quote(word + ":" + Plain(description))).Append('\n');
        }
        text.Append("    )\n");
        text.Append("    if (( CURRENT == 2 )); then\n");
        text.Append("        _describe -t commands 'gitops-agent command' verbs\n");
        text.Append("        return\n");
        text.Append("    fi\n");
        text.Append("    local verb=\"${words[2]}\"\n");
        text.Append("    shift words\n");
        text.Append("    (( CURRENT-- ))\n");
        foreach (var group in Groups(verbs))
        {
            text.Append("    if [[ \"$verb\" == ").Append(group.Key).Append(" ]]; then\n");
            text.Append("        local -a members\n");
            text.Append("        members=(");
            foreach (var member in group)
            {
                text.Append(' ').Append(Quote(member.Name + ":" + Plain(member.Description)));
            }
            text.Append(" )\n");
            var alsoVerb = verbs.Any(v => v.Group is null && v.Name == group.Key);
            text.Append("        if (( CURRENT == 2 ))").Append(alsoVerb ? " && [[ \"${words[2]}\" != -* ]]" : "").Append("; then\n");
            text.Append("            _describe -t commands '").Append(group.Key).Append(" command' members\n");
            text.Append("            return\n");
            text.Append("        fi\n");
            text.Append("        if (( ${members[(I)${words[2]}:*]} )); then\n");
            text.Append("            verb=\"$verb ${words[2]}\"\n");
            text.Append("            shift words\n");
            text.Append("            (( CURRENT-- ))\n");
            text.Append("        fi\n");
            text.Append("    fi\n");
        }
        text.Append("    case \"$verb\" in\n");
        foreach (var verb in verbs)
        {
            text.Append("        ").Append(verb.Group is null ? verb.Name : Quote(verb.FullName)).Append(")\n");
            text.Append("            _arguments -s");
            foreach (var option in verb.Declared)
            {
                var spec = option.Name + "[" + Plain(option.Description) + "]";
                if (CommandSpec.TakesValue(option))
                {
                    spec += ":" + CommandSpec.ValueName(option) + ":" + ZshAction(Kind(option), Words(option));
                }
                text.Append(" \\\n                ").Append(Quote(spec));
            }
            text.Append(" \\\n                ").Append(Quote("(- *)--help[Show this help.]"));
            text.Append(" \\\n                ").Append(Quote("(- *)-h[Show this help.]"));
            var position = 1;
            foreach (var argument in verb.Arguments)
            {
                var optional = CommandSpec.IsRequired(argument) ? "" : ":";
                var spec = $"{position++}:{optional}{Plain(CommandSpec.DisplayName(argument))}:{ZshAction(Kind(argument), Words(argument))}";
                text.Append(" \\\n                ").Append(Quote(spec));
            }
            text.Append('\n');
            text.Append("            ;;\n");
        }
        text.Append("    esac\n");
        text.Append("}\n");
        // Autoloaded from $fpath the file's body is the function; sourced, it registers the function itself.
        text.Append("if [[ \"${zsh_eval_context[-1]}\" == loadautofunc ]]; then\n");
        text.Append("    _gitops_agent \"$@\"\n");
        text.Append("else\n");
        text.Append("    compdef _gitops_agent gitops-agent\n");
        text.Append("fi\n");
        return text.ToString();
    }

    private static string ZshAction(ValueKind kind, IReadOnlyList<string> words) => kind switch
    {
        ValueKind.Words => "(" + string.Join(' ', words) + ")",
        ValueKind.File => "_files",
        ValueKind.Directory => "_files -/",
        _ => " ",
    };

    private static ValueKind Kind(Option option) =>
        Words(option).Count > 0 ? ValueKind.Words : KindOfName(CommandSpec.ValueName(option));

    private static ValueKind Kind(Argument argument) =>
        Words(argument).Count > 0 ? ValueKind.Words : KindOfName(argument.HelpName ?? argument.Name);

    private static ValueKind KindOfName(string name) => name.ToUpperInvariant() switch
    {
        "DIR" => ValueKind.Directory,
        "FILE" or "PATH" => ValueKind.File,
        _ => ValueKind.None,
    };

    /// <summary>The fixed words a symbol accepts, from its System.CommandLine completion sources (e.g. AcceptOnlyFromAmong).</summary>
    private static List<string> Words(Option option) => [.. option.GetCompletions(CompletionContext.Empty).Select(c => c.Label)];

    private static List<string> Words(Argument argument) => [.. argument.GetCompletions(CompletionContext.Empty).Select(c => c.Label)];

    /// <summary>A description made safe for zsh's specs: no brackets, which delimit them, on one line.</summary>
    private static string Plain(string? text) => (text ?? "").Replace('[', '(').Replace(']', ')').Replace('\n', ' ');

    /// <summary>Single-quoted for either shell: a quote inside becomes '\''.</summary>
    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
