// Seeded random order (tests/Shared/Ordering): a test that passes only after another one fails in some order.
[assembly: TestFramework("GitOps.Tests.Ordering.RandomOrderFramework", "GitOps.Reconciler.Tests")]
