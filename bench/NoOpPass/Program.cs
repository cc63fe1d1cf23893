using System.Globalization;
using GitOps.Bench.NoOpPass;
using GitOps.Daemon.Hosting;

// The daemon's no-op pass, timed inside the daemon; see docs/benchmarks.md and bench/noop-pass.sh.
//   NoOpPass <agent.yaml> [passes] [warm-up passes]
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: NoOpPass <agent.yaml> [passes] [warm-up passes]");
    return 1;
}
var loaded = AgentConfigFile.Load(args[0]);
if (!loaded.IsValid)
{
    Console.Error.WriteLine(string.Join('\n', loaded.Errors));
    return 1;
}
var passes = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
var warmUp = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(20));
var report = await NoOpPassBench.RunAsync(loaded.Config!, passes, warmUp, stop.Token);
Console.WriteLine(report);
return 0;
