using System.Runtime.Versioning;

// The integration tests drive real Linux services (sshd, git daemon, gpgv, flock); they run on Linux only.
[assembly: SupportedOSPlatform("linux")]

// A full sync tears down every managed stack that is not desired, so tests that reconcile must never overlap.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
