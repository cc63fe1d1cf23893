using GitOps.Daemon.Cli;

namespace GitOps.Daemon.Commands;

/// <summary>Every verb the executable offers, in the order <c>--help</c> lists them.</summary>
public static class CommandCatalog
{
    public static IReadOnlyList<ICommand> All() =>
    [
        new ValidateCommand(),
        new RenderCommand(),
        new PlanCommand(),
        new SyncCommand(),
        new RunCommand(),
        new DriftCommand(),
        new HistoryCommand(),
        new ModelsCommand(),
        new SuspendCommand(suspend: true),
        new SuspendCommand(suspend: false),
        new RetryCommand(),
        new InstallCommand(),
        new VersionCommand(),
    ];
}
