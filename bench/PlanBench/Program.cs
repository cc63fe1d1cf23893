using System.Globalization;
using BenchmarkDotNet.Running;
using GitOps.Bench.PlanBench;

// The pure part of `plan --json` by number of stacks; see docs/benchmarks.md.
//   PlanBench --filter '*' --job short --inProcess     BenchmarkDotNet (wall time, allocations)
//   PlanBench cpu [runs] [sizes...]                     CPU time and wall time per operation, median of runs
if (args.Length > 0 && args[0] == "cpu")
{
    var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 21;
    int[] sizes = args.Length > 2 ? [.. args.Skip(2).Select(a => int.Parse(a, CultureInfo.InvariantCulture))] : [50, 100, 200, 500];
    Console.Write(CpuTimeRun.Run(sizes, runs));
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(PlanJsonBenchmark).Assembly).Run(args);
