using GitOps.Daemon.Cli;

namespace GitOps.Daemon.Commands;

/// <summary>Every verb the executable offers, in the order <c>--help</c> lists them.</summary>
/// <remarks>
/// Adding a verb (one class per verb, in this folder):
/// 1. Write <c>sealed class FooCommand : ICommand</c>. Declare its arguments and options as fields, shared ones from
///    <see cref="CliOptions"/> (<c>Json</c>, <c>Config</c>, <c>StateDirectory</c>, <c>Host</c>, <c>Verbose</c>, <c>Flag</c>,
///    <c>Value</c>) or groups (<see cref="AgentStateOptions"/> for --config/--state-dir, <c>SyncTargetOptions</c>).
/// 2. In its constructor build <c>Spec = new CommandSpec("foo", "Summary.", "Exit status: ...") { _arg, _json }</c>
///    (or <c>Spec.AddAll([...])</c>); -h/--help is added by <see cref="CommandSpec"/> itself.
/// 3. In <c>RunAsync</c> read values with <c>args.GetValue(_option)</c>; write results to <c>output</c>, problems to
///    <c>error</c>; return the documented exit code.
/// 4. Add <c>new FooCommand()</c> to the list below. Help, usage errors and bash/zsh completion follow from the Spec.
/// From the former string-keyed style: each <c>OptionSpec</c> becomes a field (<c>TakesValue</c> → <c>CliOptions.Value</c>,
/// else <c>CliOptions.Flag</c>), each <c>PositionalSpec</c> an <c>Argument&lt;string&gt;</c> (optional: <c>Arity = ZeroOrOne</c>),
/// <c>args.Value("x")</c>/<c>args.Flag("x")</c> become <c>args.GetValue(_x)</c>, <c>args.Positionals[0]</c> <c>args.GetValue(_arg)</c>.
/// </remarks>
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
        new TasksCommand(),
        new TaskRunCommand(),
        new TaskHistoryCommand(),
        new TaskLogsCommand(),
        new ModelsCommand(),
        new ModelsGcCommand(),
        new SuspendCommand(suspend: true),
        new SuspendCommand(suspend: false),
        new RetryCommand(),
        new FleetStatusCommand(),
        new FleetDriftCommand(),
        new FleetRevisionsCommand(),
        new FleetAddHostCommand(),
        new FleetAddReaderCommand(),
        new InstallCommand(),
        new SecretsCommand(),
        new VersionCommand(),
        new CompletionCommand(All),
    ];
}
