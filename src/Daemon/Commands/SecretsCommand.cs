using GitOps.Reconciler.Secrets.Failures;
using System.CommandLine;
using GitOps.Daemon.Cli;
using GitOps.Reconciler.Secrets;
using GitOps.Reconciler.Secrets.Age;
using GitOps.Reconciler.Secrets.Sops;

namespace GitOps.Daemon.Commands;

/// <summary>
/// <c>secrets encrypt FILE --recipient age1...[,age1...]</c>: encrypts a file in the SOPS layout to age recipients,
/// for people without the sops tool at hand. The plaintext is read from FILE and never printed.
/// </summary>
public sealed class SecretsCommand : ICommand
{
    private readonly TimeProvider _time;
    private readonly Argument<string> _file = new("file") { Description = "The plain file to encrypt." };
    private readonly Option<string?> _recipient = CliOptions.Value("--recipient", "AGE1...", "age recipients, comma-separated (required).");
    private readonly Option<string?> _format = CliOptions.Value("--format", "FORMAT", "dotenv, yaml, json or binary (default: from the file name).");
    private readonly Option<string?> _output = CliOptions.Value("--output", "FILE", "Write here instead of standard output; '-' for standard output.");
    private readonly Option<bool> _inPlace = CliOptions.Flag("--in-place", "Replace FILE with its encrypted form.");

    public SecretsCommand(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _format.AcceptOnlyFromAmong("dotenv", "yaml", "json", "binary");
        Spec = new CommandSpec(
            "encrypt",
            "Encrypt a file for the repo with SOPS to age recipients (dotenv, YAML, JSON or binary).",
            "The format follows the name: *.env dotenv, *.yaml/*.yml YAML, *.json JSON, anything else binary.\n" +
            "Keys ending in _unencrypted stay readable. Exit status: 0 when written, 1 on an error.")
        {
            Group = "secrets",
        };
        Spec.Add(_file);
        Spec.AddAll([_recipient, _format, _output, _inPlace]);
    }

    public CommandSpec Spec { get; }

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var file = args.GetValue(_file)!;
        if (args.GetValue(_recipient) is not { Length: > 0 } recipientList)
        {
            await error.WriteLineAsync("gitops-agent secrets: missing option --recipient AGE1...");
            return 1;
        }

        try
        {
            var recipients = recipientList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(AgeRecipient.Parse).ToList();
            var format = FormatOf(args.GetValue(_format), file);
            var plain = await File.ReadAllBytesAsync(file, cancellationToken);
            if (SecretFile.IsEncrypted(plain, file))
            {
                await error.WriteLineAsync($"gitops-agent secrets: '{file}' is already encrypted");
                return 1;
            }

            var encrypted = SopsEncryptor.Encrypt(plain, format, recipients, _time.GetUtcNow());
            var target = args.GetValue(_inPlace) ? file : args.GetValue(_output);
            if (target is null or "-")
            {
                await output.WriteAsync(System.Text.Encoding.UTF8.GetString(encrypted));
            }
            else
            {
                await File.WriteAllBytesAsync(target, encrypted, cancellationToken);
            }

            return 0;
        }
        catch (SecretException e)
        {
            await error.WriteLineAsync($"gitops-agent secrets: {file}: {e.Message}");
            return 1;
        }
        catch (IOException e)
        {
            await error.WriteLineAsync($"gitops-agent secrets: cannot read or write: {e.Message}");
            return 1;
        }
    }

    private static SopsFormat FormatOf(string? format, string file) => format?.ToLowerInvariant() switch
    {
        "dotenv" => SopsFormat.Dotenv,
        "yaml" => SopsFormat.Yaml,
        "json" => SopsFormat.Json,
        "binary" => SopsFormat.Binary,
        null => Path.GetExtension(file).ToLowerInvariant() switch
        {
            ".env" => SopsFormat.Dotenv,
            ".yaml" or ".yml" => SopsFormat.Yaml,
            ".json" => SopsFormat.Json,
            _ when Path.GetFileName(file).StartsWith(".env", StringComparison.Ordinal) => SopsFormat.Dotenv,
            _ => SopsFormat.Binary,
        },
        _ => throw new SecretException(SecretFailure.Malformed, $"unknown format '{format}' (dotenv, yaml, json or binary)"),
    };
}
