using System.Runtime.Versioning;

// The integration tests drive real Linux services (sshd, git daemon, gpgv, flock); they run on Linux only.
[assembly: SupportedOSPlatform("linux")]

// A full sync tears down every managed stack that is not in its desired state, and several tests watch the
// engine's events: tests of this assembly must never run at the same time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// Seeded random order (tests/Shared/Ordering): a test that passes only after another one fails in some order.
[assembly: TestFramework("GitOps.Tests.Ordering.RandomOrderFramework", "GitOps.Integration.Tests")]
