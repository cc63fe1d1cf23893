using System.Globalization;
using GitOps.Bench.NoOpPass;
using GitOps.Daemon.Hosting;

// The daemon's no-op pass, timed inside the daemon, and its poll against a git server; see docs/benchmarks.md,
// bench/noop-pass.sh and bench/git-server-cost.sh.
//   NoOpPass <agent.yaml> [passes] [warm-up passes]
//   NoOpPass ls-remote <url> [count]
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: NoOpPass <agent.yaml> [passes] [warm-up passes] | NoOpPass ls-remote <url> [count]");
    return 1;
}
if (args[0] == "ls-remote" && args.Length > 1)
{
    using var bounded = new CancellationTokenSource(TimeSpan.FromMinutes(10));
    var count = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000;
    Console.WriteLine(await ListingBench.RunAsync(args[1], count, bounded.Token));
    return 0;
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
