using System.CommandLine;
using GitOps.Daemon.Cli;
using GitOps.Daemon.Hosting;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Policy;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Repository;
using GitOps.Reconciler.Secrets;

namespace GitOps.Daemon.Commands;

/// <summary><c>validate &lt;dir&gt; [--host H] [--policy FILE] [--json]</c>: checks a config repo for every host of its inventory, as the repo's CI would.</summary>
/// <param name="loadCompose">Compose loading, replaceable in tests; <see cref="ComposeLoader.Load"/> by default.</param>
public sealed class ValidateCommand : ICommand
{
    private readonly Func<ComposeSource, DiagnosticBag, StackSpec?>? _loadCompose;
    private readonly Argument<string> _directory = CliOptions.Directory("The config repository's directory.");
    private readonly Option<string?> _host = CliOptions.Host("Validate for this host only.");
    private readonly Option<string?> _policy = CliOptions.Value("--policy", "FILE",
        "Also check against the host policy of this agent.yaml (its policy and models sections), as that host would.");
    private readonly Option<bool> _json = CliOptions.Json("Print the findings as a JSON array of {severity, file, line, column, message}.");
    private readonly Option<string?> _config = CliOptions.Config(
        "The host's agent configuration: with --host, its secrets.ageKeyFile decrypts the host's encrypted files, so they are checked too. Without it, encrypted files are checked for structure only.");

    public ValidateCommand(Func<ComposeSource, DiagnosticBag, StackSpec?>? loadCompose = null)
    {
        _loadCompose = loadCompose;
        Spec = new CommandSpec(
            "validate",
            "Validate a config repository for every host of its inventory (or one host).",
            "Exit status: 0 when the repository is valid (warnings allowed), 1 when it has errors.\n"
            + "Findings are printed as file:line:col: message, each once even when several hosts share it.\n"
            + "With --policy, what the host's policy refuses is an error too: check a commit before it stalls on the host.\n"
            + "Without --config, encrypted files are not decrypted: each is a warning ('encrypted, not decrypted ...') and the\n"
            + "summary counts them; they do not change the exit status. With --host H --config FILE, the key named by the\n"
            + "configuration decrypts them, and a file the host cannot decrypt is an error ('undecryptable (reason)').")
        {
            _directory, _host, _policy, _json, _config,
        };
    }

    public CommandSpec Spec { get; }

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var directory = args.GetValue(_directory)!;
        if (!Directory.Exists(directory))
        {
            await error.WriteLineAsync($"gitops-agent validate: directory '{directory}' does not exist");
            return 1;
        }
        HostPolicy? policy = null;
        if (args.GetValue(_policy) is { } policyFile)
        {
            // The policy file is the host's own: only the file counts, not this shell's environment.
            var (loaded, errors) = new AgentConfigLoader(new Dictionary<string, string?>(), () => "validate").LoadPolicy(policyFile);
            if (loaded is null)
            {
                foreach (var message in errors)
                {
                    await error.WriteLineAsync("error: " + message);
                }
                return 1;
            }
            policy = loaded;
        }
        var keyring = await KeyringAsync(args, error);
        if (keyring is null)
        {
            return 1;
        }
        var validator = new RepoValidator(_loadCompose)
        {
            Secrets = keyring,
            CheckHost = policy is null ? null : (desired, bag) => HostPolicyCheck.Check(desired, policy, bag),
        };
        var result = validator.Validate(new RepoDirectory(directory), args.GetValue(_host));
        if (args.GetValue(_json))
        {
            await output.WriteLineAsync(Json(result.Diagnostics));
        }
        else
        {
            foreach (var diagnostic in result.Diagnostics)
            {
                await output.WriteLineAsync(diagnostic.ToString());
            }
            await output.WriteLineAsync(Summary(result));
        }
        return result.IsValid ? 0 : 1;
    }

    /// <summary>Structure-only without --config; the host's key file with it (and --host); null after an error.</summary>
    private async Task<SecretKeyring?> KeyringAsync(CommandLine args, TextWriter error)
    {
        var path = args.GetValue(_config);
        if (path is null)
        {
            return SecretKeyring.StructureOnly;
        }
        if (args.GetValue(_host) is null)
        {
            await error.WriteLineAsync("gitops-agent validate: --config decrypts with one host's key; name the host with --host");
            return null;
        }
        var loaded = AgentConfigFile.Load(path);
        if (!loaded.IsValid)
        {
            foreach (var message in loaded.Errors)
            {
                await error.WriteLineAsync("error: " + message);
            }
            return null;
        }
        return SecretKeyring.FromFile(loaded.Config!.AgeKeyFile);
    }

    private static string Summary(RepoValidation result)
    {
        var hosts = result.Hosts.Count == 1 ? $"host '{result.Hosts[0]}'" : $"{result.Hosts.Count} hosts";
        var warnings = result.WarningCount == 1 ? "1 warning" : $"{result.WarningCount} warnings";
        var notDecrypted = result.Diagnostics
            .Where(d => d.Severity != Severity.Error && d.Message.Contains(": encrypted, not decrypted", StringComparison.Ordinal))
            .Select(d => d.Message[..d.Message.IndexOf(": encrypted", StringComparison.Ordinal)])
            .Distinct(StringComparer.Ordinal)
            .Count();
        if (notDecrypted > 0)
        {
            warnings += notDecrypted == 1 ? "; 1 encrypted file not decrypted" : $"; {notDecrypted} encrypted files not decrypted";
        }
        if (result.IsValid)
        {
            return $"valid for {hosts} ({warnings})";
        }
        var errors = result.ErrorCount == 1 ? "1 error" : $"{result.ErrorCount} errors";
        return $"invalid: {errors}, {warnings} (checked {hosts})";
    }

    private static string Json(IEnumerable<Diagnostic> diagnostics) =>
        CliJson.Serialize<IReadOnlyList<DiagnosticJson>>(
            [.. diagnostics.Select(d => new DiagnosticJson(
                d.Severity == Severity.Error ? "error" : "warning", d.Position.File, d.Position.Line, d.Position.Column, d.Message))],
            CliJsonContext.Default.IReadOnlyListDiagnosticJson);
}
