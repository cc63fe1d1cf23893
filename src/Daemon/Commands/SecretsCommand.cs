using GitOps.Daemon.Cli;
using GitOps.Reconciler.Secrets;
using GitOps.Reconciler.Secrets.Age;
using GitOps.Reconciler.Secrets.Sops;

namespace GitOps.Daemon.Commands;

/// <summary>
/// <c>secrets encrypt FILE --recipient age1...[,age1...]</c>: encrypts a file in the SOPS layout to age recipients,
/// for people without the sops tool at hand. The plaintext is read from FILE and never printed.
/// </summary>
public sealed class SecretsCommand(TimeProvider? time = null) : ICommand
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public CommandSpec Spec { get; } = new(
        "secrets",
        "Encrypt a file for the repo with SOPS to age recipients (dotenv, YAML, JSON or binary).",
        [
            new PositionalSpec("action", "encrypt"),
            new PositionalSpec("file", "The plain file to encrypt."),
        ],
        [
            new OptionSpec("recipient", "age recipients, comma-separated (required).", TakesValue: true, ValueName: "AGE1..."),
            new OptionSpec("format", "dotenv, yaml, json or binary (default: from the file name).", TakesValue: true, ValueName: "FORMAT"),
            new OptionSpec("output", "Write here instead of standard output; '-' for standard output.", TakesValue: true, ValueName: "FILE"),
            new OptionSpec("in-place", "Replace FILE with its encrypted form."),
        ],
        "The format follows the name: *.env dotenv, *.yaml/*.yml YAML, *.json JSON, anything else binary.\n" +
        "Keys ending in _unencrypted stay readable. Exit status: 0 when written, 1 on an error.");

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Positionals is not ["encrypt", var file])
        {
            await error.WriteAsync(Spec.Usage());
            return 1;
        }

        if (args.Value("recipient") is not { Length: > 0 } recipientList)
        {
            await error.WriteLineAsync("gitops-agent secrets: missing option --recipient AGE1...");
            return 1;
        }

        try
        {
            var recipients = recipientList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(AgeRecipient.Parse).ToList();
            var format = FormatOf(args.Value("format"), file);
            var plain = await File.ReadAllBytesAsync(file, cancellationToken);
            if (SecretFile.IsEncrypted(plain, file))
            {
                await error.WriteLineAsync($"gitops-agent secrets: '{file}' is already encrypted");
                return 1;
            }

            var encrypted = SopsEncryptor.Encrypt(plain, format, recipients, _time.GetUtcNow());
            var target = args.Flag("in-place") ? file : args.Value("output");
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
