using GitOps.Daemon.Cli;
using GitOps.Daemon.Commands;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    try
    {
        cancellation.Cancel();
    }
    catch (ObjectDisposedException)
    {
        // A signal that arrives while the process is already exiting has nothing left to cancel.
    }
};
var dispatcher = new CommandDispatcher(CommandCatalog.All());
return await dispatcher.RunAsync(args, Console.Out, Console.Error, cancellation.Token);
