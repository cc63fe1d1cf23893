using System.CommandLine;
using System.Reflection;
using GitOps.Daemon.Cli;
using GitOps.Daemon.Install;
using GitOps.Reconciler.Common;

namespace GitOps.Daemon.Commands;

/// <summary>
/// <c>install</c>: makes this host run the daemon — its account, directories, configuration and hardened systemd
/// unit — and starts it. Idempotent: a second install changes nothing; an existing agent.yaml is kept.
/// </summary>
public sealed class InstallCommand : ICommand
{
    private readonly Option<string?> _repo =
        CliOptions.Value("--repo", "URL", "The config repository's URL, for a new agent.yaml (an existing one is kept).");
    private readonly Option<string?> _branch = CliOptions.Value("--branch", "NAME", "The branch to follow, for a new agent.yaml (default main).");
    private readonly Option<string?> _host =
        CliOptions.Value("--host", "NAME", "This host's name in the inventory, for a new agent.yaml (default: the machine's hostname).");
    private readonly Option<string?> _binary = CliOptions.Value("--binary", "PATH", "The gitops-agent executable the unit starts (default: this one).");
    private readonly Option<string?> _root =
        CliOptions.Value("--root", "DIR", "Install below this directory instead of / (package builds): no account, no systemctl.");
    private readonly Option<bool> _noStart = CliOptions.Flag("--no-start", "Do not enable and start the unit.");
    private readonly Option<bool> _dryRun = CliOptions.Flag("--dry-run", "Print what would be done, do nothing.");

    public InstallCommand()
    {
        Spec = new CommandSpec(
            "install",
            "Install the daemon on this host: the gitops-agent account, its directories, agent.yaml and a hardened systemd unit; then start it.",
            "Exit status: 0 when installed (or nothing was left to do), 1 on an error.\n"
            + $"Files: {InstallPlanner.ConfigPath}, {InstallPlanner.StateDirectory}/, {InstallPlanner.UnitPath}. Run as root.");
        Spec.AddAll([_repo, _branch, _host, _binary, _root, _noStart, _dryRun]);
    }

    public CommandSpec Spec { get; }

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (OperatingSystem.IsWindows())
        {
            await error.WriteLineAsync("gitops-agent install: installs on Linux hosts with systemd only");
            return 1;
        }
        var root = args.GetValue(_root) is { } staging ? Path.GetFullPath(staging) : "/";
        var request = new InstallRequest(
            root, args.GetValue(_host), args.GetValue(_repo), args.GetValue(_branch), args.GetValue(_binary) ?? ThisExecutable(), Start: !args.GetValue(_noStart));
        var plan = InstallPlanner.Plan(request, await InstallFactsReader.ReadAsync(request, cancellationToken));
        foreach (var problem in plan.Errors)
        {
            await error.WriteLineAsync("gitops-agent install: " + problem);
        }
        if (plan.Errors.Count > 0)
        {
            return 1;
        }
        var dryRun = args.GetValue(_dryRun);
        await output.WriteLineAsync(plan.Steps.Count == 0
            ? "Nothing to do: this host is installed as asked."
            : dryRun ? "Would do:" : $"Installing gitops-agent{(root == "/" ? "" : " below " + root)}:");
        try
        {
            if (dryRun)
            {
                foreach (var step in plan.Steps)
                {
                    await output.WriteLineAsync("  + " + step.Describe());
                }
            }
            else
            {
                await new InstallExecutor(root, output).RunAsync(plan.Steps, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is InstallFailedException or ToolProcessException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync("gitops-agent install: " + ex.Message);
            return 1;
        }
        foreach (var note in plan.Notes)
        {
            await output.WriteLineAsync("note: " + note);
        }
        return 0;
    }

    private const string OnPath = "/usr/bin/gitops-agent";

    /// <summary>
    /// This executable: by its name on the PATH when that link leads here (as the packages install it), so the unit
    /// does not change with the build directory; under <c>dotnet gitops-agent.dll</c> the host and the assembly.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("SingleFile", "IL3000:Avoid accessing Assembly file path when publishing as a single file",
        Justification = "Read only when the process is the dotnet host running gitops-agent.dll, which is never a single-file or native build; there the empty path skips the branch.")]
    private static string ThisExecutable()
    {
        var process = Environment.ProcessPath ?? "gitops-agent";
        if (Path.GetFileNameWithoutExtension(process) == "dotnet" && Assembly.GetEntryAssembly()?.Location is { Length: > 0 } assembly)
        {
            return $"{process} {assembly}";
        }
        return File.Exists(OnPath) && File.ResolveLinkTarget(OnPath, returnFinalTarget: true)?.FullName == process ? OnPath : process;
    }
}
