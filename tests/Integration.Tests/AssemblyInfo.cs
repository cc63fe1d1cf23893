using System.Runtime.Versioning;

// The integration tests drive real Linux services (sshd, git daemon, gpgv, flock); they run on Linux only.
[assembly: SupportedOSPlatform("linux")]

// Every test works in its own project, owner and state directory, so test classes run side by side (each class is
// its own collection; the tests of one class run one after another). The tests are mostly waiting on the engine,
// so four at a time keep two cores busy without starving health checks. What cannot share the engine or the
// process with other tests runs alone afterwards (ExclusiveEngineCollection); in-process daemons share Quartz's
// process-wide scheduler registry and run one at a time beside the rest (AgentHostCollection).
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerClass, MaxParallelThreads = 4)]

// Seeded random order (tests/Shared/Ordering): a test that passes only after another one fails in some order.
[assembly: TestFramework("GitOps.Tests.Ordering.RandomOrderFramework", "GitOps.Integration.Tests")]
