namespace GitOps.Integration.Tests;

/// <summary>
/// Tests that change something every other test depends on, run alone after the parallel ones: the engine itself
/// (stopped and started), the registry behind a stalling proxy (its test removes its image too), a filesystem filled
/// up, the owner lease, process-wide libgit2 timeouts, the demo script, and a pass that runs out of memory. (The
/// package test installs the .deb on this machine but only for its own account, host name and paths: it runs beside
/// the others, its long build hidden behind them.)
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ExclusiveEngineCollection
{
    public const string Name = "engine-exclusive";
}
