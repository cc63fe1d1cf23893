using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace GitOps.Bench.PlanBench;

/// <summary>
/// The same operation as <see cref="PlanJsonBenchmark"/>, timed by the process's CPU time besides the wall clock: on a
/// machine whose other load takes most of the cores, the wall time of a single-threaded operation measures the
/// scheduler, the CPU time what the operation costs. Median of the runs after a warm-up.
/// </summary>
internal static class CpuTimeRun
{
    public static string Run(IReadOnlyList<int> sizes, int runs)
    {
        var text = new StringBuilder("| stacks | CPU time, median | per stack | wall time, median | allocated |\n| --- | --- | --- | --- | --- |\n");
        foreach (var size in sizes)
        {
            var benchmark = new PlanJsonBenchmark { Stacks = size };
            benchmark.Setup();
            try
            {
                // Warm up on the same number of stacks for every size, so tiered compilation is done before any is timed.
                for (var i = 0; i < Math.Max(10, 10_000 / size); i++)
                {
                    benchmark.LoadDiffRender();
                }
                var cpu = new List<double>();
                var wall = new List<double>();
                long allocated = 0;
                for (var i = 0; i < runs; i++)
                {
                    var bytes = GC.GetAllocatedBytesForCurrentThread();
                    var used = Environment.CpuUsage.TotalTime;
                    var started = Stopwatch.GetTimestamp();
                    benchmark.LoadDiffRender();
                    wall.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    cpu.Add((Environment.CpuUsage.TotalTime - used).TotalMilliseconds);
                    allocated = GC.GetAllocatedBytesForCurrentThread() - bytes;
                }
                var median = Median(cpu);
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {size} | {median:0.0} ms | {median / size:0.000} ms | {Median(wall):0.0} ms | {allocated / 1048576.0:0.00} MiB |");
            }
            finally
            {
                benchmark.Cleanup();
            }
        }
        return text.ToString();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
