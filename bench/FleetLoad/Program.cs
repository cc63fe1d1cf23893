using System.Diagnostics;
using System.Globalization;
using GitOps.Bench.FleetLoad;
using GitOps.Reconciler.Fleet;
using Npgsql;

// Load on the fleet store; see docs/benchmarks.md and bench/fleet-bench.sh, which prepares the database and the repo.
//   FleetLoad CONNECTION POSTMASTER_PID HOSTS ROUNDS COMPRESSIONS REPO COMMITS [TICKS_PER_SECOND]
// COMPRESSIONS: how many times faster than a 30 s poll interval each run writes, comma-separated (10,30: 3 s and 1 s rounds).
// COMMITS: the repo's commits the hosts run, comma-separated, head first (a rollout under way).
var inv = CultureInfo.InvariantCulture;
if (args.Length < 7)
{
    Console.Error.WriteLine("usage: FleetLoad CONNECTION POSTMASTER_PID HOSTS ROUNDS COMPRESSIONS REPO COMMITS [TICKS_PER_SECOND]");
    return 1;
}
var (connection, postmaster, hosts, rounds) = (args[0], int.Parse(args[1], inv), int.Parse(args[2], inv), int.Parse(args[3], inv));
var compressions = args[4].Split(',').Select(c => double.Parse(c, inv)).ToList();
var repoPath = args[5];
var commits = args[6].Split(',');
var ticks = args.Length > 7 ? int.Parse(args[7], inv) : 100;
var interval = TimeSpan.FromSeconds(30);
// Bounded in time as well as in count: a store that hangs ends the run.
using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(15));

await using var store = new PostgresFleetStore(NpgsqlDataSource.Create(connection));
await store.MigrateAsync(stop.Token);
var agents = new SimulatedAgents(store, hosts, commits);
var cpu = new PostgresCpu(postmaster, ticks);

// Not counted: every host's first row, and the pool's connections opened.
await agents.RunAsync(interval, compressions.Max(), 1, stop.Token);

Console.WriteLine($"{hosts} hosts, {rounds} rounds of a {interval.TotalSeconds:0} s interval each; writes in flight at most {SimulatedAgents.MaxInFlight}");
Console.WriteLine("compression  round  writes/s  p50 ms  p95 ms  p99 ms  max ms  failed  late  db CPU (cores)  db CPU/write ms  generator CPU (cores)");
foreach (var compression in compressions)
{
    var (dbBefore, ownBefore) = (cpu.Read(), Process.GetCurrentProcess().TotalProcessorTime);
    var result = await agents.RunAsync(interval, compression, rounds, stop.Token);
    var (db, own) = (cpu.Read() - dbBefore, Process.GetCurrentProcess().TotalProcessorTime - ownBefore);
    Console.WriteLine(string.Create(inv,
        $"{compression,11:0.#}x  {(interval / compression).TotalSeconds,4:0.##}s  {result.WritesPerSecond,8:0}  {result.Percentile(50),6:0.0}  {result.Percentile(95),6:0.0}  "
        + $"{result.Percentile(99),6:0.0}  {result.Percentile(100),6:0.0}  {result.Failures,6}  {result.Late,4}  "
        + $"{db.TotalSeconds / result.Elapsed.TotalSeconds,14:0.00}  {db.TotalMilliseconds / result.Writes,15:0.00}  {own.TotalSeconds / result.Elapsed.TotalSeconds,21:0.00}"));
}

// What `fleet status` does once its process is up: the store's rows, then the inventory joined, ranked and counted behind.
using var repo = FleetRepo.Open(repoPath, repo: null);
var inventory = repo.Hosts();
var query = new List<double>();
var view = new List<double>();
var listed = 0;
for (var i = 0; i < 20; i++)
{
    var started = Stopwatch.GetTimestamp();
    var rows = await store.ReadHostsAsync(stop.Token);
    query.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    started = Stopwatch.GetTimestamp();
    rows = await store.ReadHostsAsync(stop.Token);
    listed = FleetView.Lines(repo.Hosts(), rows, repo.Behind).Count;
    view.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
}
Console.WriteLine(string.Create(inv, $"fleet status in process, {listed} of {inventory.Count} hosts listed, 20 runs:"));
Console.WriteLine(string.Create(inv, $"  store query alone       p50 {Percentiles.Of(query, 50),6:0.0} ms  p95 {Percentiles.Of(query, 95),6:0.0} ms"));
Console.WriteLine(string.Create(inv, $"  query + inventory view  p50 {Percentiles.Of(view, 50),6:0.0} ms  p95 {Percentiles.Of(view, 95),6:0.0} ms"));
await using (var count = store.DataSource.CreateCommand("SELECT count(*) FROM gitops_fleet.host_history"))
{
    Console.WriteLine($"history rows written (status changes only): {await count.ExecuteScalarAsync(stop.Token)}");
}
return 0;
