using BenchmarkDotNet.Attributes;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reporting;
using GitOps.Reconciler.Stacks;

namespace GitOps.Bench.PlanBench;

/// <summary>
/// The pure part of <c>plan --json</c>: load the repository for the host, diff it against the actual state (a fake one,
/// in sync, as a full drift read shows it) and render the JSON plan. No engine, no git, no process start.
/// </summary>
[MemoryDiagnoser]
public class PlanJsonBenchmark
{
    private InSyncRepo _repo = null!;

    [Params(50, 100, 200, 500)]
    public int Stacks { get; set; }

    [GlobalSetup]
    public void Setup() => _repo = new InSyncRepo(Stacks);

    [GlobalCleanup]
    public void Cleanup() => _repo.Dispose();

    [Benchmark]
    public int LoadDiffRender()
    {
        var desired = _repo.Load() ?? throw new InvalidOperationException("the repository does not load");
        var plan = Planner.Plan(desired, _repo.Actual, PlanningContext.Empty);
        if (plan.HasChanges)
        {
            throw new InvalidOperationException("the fake actual state is not in sync: " + PlanJson.Render(plan));
        }
        return PlanJson.Render(plan).Length;
    }
}
