using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.State;

namespace GitOps.Integration.Tests.State;

/// <summary>The lock must hold against another process (a <c>sync</c> next to the daemon), not just another handle.</summary>
public sealed class ReconcileLockProcessTests : IDisposable
{
    private readonly TempDirectory _state = new("lock");

    [Fact]
    public void TryAcquire_Held_OtherProcessCannotLock()
    {
        Tools.Require("flock", "util-linux");
        var file = _state.Combine(ReconcileLock.FileName);

        using (ReconcileLock.TryAcquire(_state.Path))
        {
            Assert.Equal(1, ProcessRunner.Run("flock", ["-n", "-E", "1", file, "true"], check: false).ExitCode);
        }

        Assert.Equal(0, ProcessRunner.Run("flock", ["-n", "-E", "1", file, "true"], check: false).ExitCode);
    }

    public void Dispose() => _state.Dispose();
}
