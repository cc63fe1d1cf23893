using System.Globalization;
using GitOps.Bench.DriftLatency;

// Drift detection latency of a hand `docker stop`: event path (watcher -> drift monitor) versus poll only
// (a refresh every poll interval). See docs/benchmarks.md. Usage: DriftLatency [runs] [pollSeconds]
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var poll = TimeSpan.FromSeconds(args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 5);
using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(20));
await using var bench = await LatencyBench.StartAsync(stop.Token);
var events = await bench.MeasureAsync(LatencyMode.Events, runs, poll, stop.Token);
var polled = await bench.MeasureAsync(LatencyMode.Poll, runs, poll, stop.Token);
Console.WriteLine(LatencyBench.Summary("events", events));
Console.WriteLine(LatencyBench.Summary($"poll {poll.TotalSeconds:0.#}s", polled));
