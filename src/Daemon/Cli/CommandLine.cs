using System.CommandLine;
using System.CommandLine.Parsing;

namespace GitOps.Daemon.Cli;

/// <summary>
/// The parsed arguments of one verb, read through the verb's own typed symbols (<c>args.GetValue(_json)</c>).
/// Parsing is System.CommandLine's; its errors are turned into the one-line usage messages the CLI has always printed.
/// </summary>
public sealed class CommandLine
{
    private readonly ParseResult _result;

    private CommandLine(ParseResult result, CommandSpec spec)
    {
        _result = result;
        Spec = spec;
    }

    public CommandSpec Spec { get; }

    public bool Help => _result.GetValue(Spec.Help);

    public T? GetValue<T>(Option<T> option) => _result.GetValue(option);

    public T? GetValue<T>(Argument<T> argument) => _result.GetValue(argument);

    /// <summary>Parses the arguments after the verb's name; throws <see cref="UsageException"/> on a usage error.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args, CommandSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return From(CommandLineParser.Parse(spec, args), spec);
    }

    /// <summary>The verb's arguments from a parse of the whole command line; throws <see cref="UsageException"/> on a usage error.</summary>
    public static CommandLine From(ParseResult result, CommandSpec spec)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(spec);
        var line = new CommandLine(result, spec);
        // Help wins over mistakes elsewhere on the line, as it always has.
        if (!line.Help && Problem(result, spec) is { } problem)
        {
            throw new UsageException(problem);
        }
        return line;
    }

    private static string? Problem(ParseResult result, CommandSpec spec)
    {
        // The parser would take an unknown "--name" as the value of a positional; to people it is an unknown option.
        var positionals = spec.Arguments.SelectMany(a => result.GetResult(a)?.Tokens ?? []).Select(t => t.Value);
        var unknown = positionals.Concat(result.UnmatchedTokens).FirstOrDefault(IsOptionLike);
        if (unknown is not null)
        {
            return $"unknown option '{unknown}' for '{spec.Name}'";
        }
        if (result.UnmatchedTokens.Count > 0)
        {
            return $"unexpected argument '{result.UnmatchedTokens[0]}' for '{spec.Name}'";
        }
        if (result.Errors.Count == 0)
        {
            return null;
        }
        var error = result.Errors[0];
        return error.SymbolResult switch
        {
            OptionResult { Tokens.Count: 0 } option => $"option '{option.Option.Name}' needs a value",
            ArgumentResult { Tokens.Count: 0 } argument => $"missing argument <{CommandSpec.DisplayName(argument.Argument)}>",
            CommandResult when spec.Arguments.FirstOrDefault(a => CommandSpec.IsRequired(a) && result.GetResult(a) is null) is { } missing =>
                $"missing argument <{CommandSpec.DisplayName(missing)}>",
            _ => error.Message,
        };
    }

    private static bool IsOptionLike(string token) => token.Length > 1 && token[0] == '-' && token != "--";
}

public sealed class UsageException(string message) : Exception(message);
