using GitOps.Daemon.Cli;
using GitOps.Daemon.Commands;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
var dispatcher = new CommandDispatcher(CommandCatalog.All());
return await dispatcher.RunAsync(args, Console.Out, Console.Error, cancellation.Token);
