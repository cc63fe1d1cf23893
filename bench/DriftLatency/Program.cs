using System.Globalization;
using GitOps.Bench.DriftLatency;

// Benchmarks of the drift surface against the real engine; see docs/benchmarks.md.
//   DriftLatency [runs] [pollSeconds]           drift detection latency of a hand `docker stop`: event path vs poll only
//   DriftLatency idle [seconds] [stacks] [poll]  RSS and CPU of the surface components idling with N stacks
using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(30));
if (args.Length > 0 && args[0] == "idle")
{
    var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 300;
    var stacks = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
    var interval = TimeSpan.FromSeconds(args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 5);
    Console.WriteLine(await IdleBench.RunAsync(TimeSpan.FromSeconds(seconds), stacks, interval, stop.Token));
    return;
}
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var poll = TimeSpan.FromSeconds(args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 5);
await using var bench = await LatencyBench.StartAsync(stop.Token);
var events = await bench.MeasureAsync(LatencyMode.Events, runs, poll, stop.Token);
var polled = await bench.MeasureAsync(LatencyMode.Poll, runs, poll, stop.Token);
Console.WriteLine(LatencyBench.Summary("events", events));
Console.WriteLine(LatencyBench.Summary($"poll {poll.TotalSeconds:0.#}s", polled));
