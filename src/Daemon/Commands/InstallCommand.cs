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
    public CommandSpec Spec { get; } = new(
        "install",
        "Install the daemon on this host: the gitops-agent account, its directories, agent.yaml and a hardened systemd unit; then start it.",
        [],
        [
            new OptionSpec("repo", "The config repository's URL, for a new agent.yaml (an existing one is kept).", TakesValue: true, ValueName: "URL"),
            new OptionSpec("branch", "The branch to follow, for a new agent.yaml (default main).", TakesValue: true, ValueName: "NAME"),
            new OptionSpec("host", "This host's name in the inventory, for a new agent.yaml (default: the machine's hostname).", TakesValue: true, ValueName: "NAME"),
            new OptionSpec("binary", "The gitops-agent executable the unit starts (default: this one).", TakesValue: true, ValueName: "PATH"),
            new OptionSpec("root", "Install below this directory instead of / (package builds): no account, no systemctl.", TakesValue: true, ValueName: "DIR"),
            new OptionSpec("no-start", "Do not enable and start the unit."),
            new OptionSpec("dry-run", "Print what would be done, do nothing."),
        ],
        "Exit status: 0 when installed (or nothing was left to do), 1 on an error.\n"
        + $"Files: {InstallPlanner.ConfigPath}, {InstallPlanner.StateDirectory}/, {InstallPlanner.UnitPath}. Run as root.");

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
        var root = args.Value("root") is { } staging ? Path.GetFullPath(staging) : "/";
        var request = new InstallRequest(
            root, args.Value("host"), args.Value("repo"), args.Value("branch"), args.Value("binary") ?? ThisExecutable(), Start: !args.Flag("no-start"));
        var plan = InstallPlanner.Plan(request, await InstallFactsReader.ReadAsync(request, cancellationToken));
        foreach (var problem in plan.Errors)
        {
            await error.WriteLineAsync("gitops-agent install: " + problem);
        }
        if (plan.Errors.Count > 0)
        {
            return 1;
        }
        var dryRun = args.Flag("dry-run");
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
