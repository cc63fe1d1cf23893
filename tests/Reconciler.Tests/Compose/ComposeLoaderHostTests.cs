using static GitOps.Reconciler.Tests.Compose.ComposeAssert;

namespace GitOps.Reconciler.Tests.Compose;

/// <summary>Swap, OOM score and the pid/ipc/uts namespaces.</summary>
public class ComposeLoaderHostTests
{
    private const string Web = "services:\n  web:\n    image: x\n";

    [Fact]
    public void Load_MemoryKeys_Parsed()
    {
        var web = Service(Web + "    mem_limit: 256m\n    memswap_limit: 1g\n    mem_swappiness: 10\n    oom_score_adj: -500\n");
        Assert.Equal((1L << 30, 10L, -500), (web.MemswapLimit, web.MemSwappiness, web.OomScoreAdj));
    }

    [Fact]
    public void Load_MemswapUnlimited_MinusOne() =>
        Assert.Equal(-1, Service(Web + "    mem_limit: 256m\n    memswap_limit: -1\n").MemswapLimit);

    [Fact]
    public void Load_OomScoreZero_Unset() =>
        Assert.Null(Service(Web + "    oom_score_adj: 0\n").OomScoreAdj);

    [Fact]
    public void Load_MemswapWithoutMemory_Error() =>
        Fails(Web + "    memswap_limit: 1g\n", 4, 20, "service 'web' sets 'memswap_limit' without a memory limit; set mem_limit or deploy.resources.limits.memory too");

    [Fact]
    public void Load_MemswapBelowMemory_Error() =>
        Fails(Web + "    mem_limit: 1g\n    memswap_limit: 512m\n", 5, 20, "'memswap_limit' of service 'web' is below its memory limit; it is memory plus swap, so expected at least 1073741824 bytes");

    [Fact]
    public void Load_SwappinessOutOfRange_Error() =>
        Fails(Web + "    mem_swappiness: 101\n", 4, 21, "'mem_swappiness' must be between 0 and 100, found 101");

    [Fact]
    public void Load_Namespaces_Parsed()
    {
        var stack = Loads(Web + "    pid: host\n    ipc: service:db\n    uts: host\n  db:\n    image: d\n    ipc: shareable\n");
        var web = stack.Services["web"];
        Assert.Equal(("host", "service:db", "host"), (web.Pid, web.Ipc, web.Uts));
        Assert.Equal("shareable", stack.Services["db"].Ipc);
    }

    [Fact]
    public void Load_IpcOfUnknownService_Error() =>
        Fails(Web + "    ipc: service:nope\n", 4, 10, "service 'web' refers to undefined service 'nope' in ipc");

    [Fact]
    public void Load_BadUts_Error() =>
        Fails(Web + "    uts: private\n", 4, 10, "invalid uts 'private'; expected host");

    [Fact]
    public void Load_BadPid_Error() =>
        Fails(Web + "    pid: \"service:\"\n", 4, 10, "invalid pid 'service:'; expected host, service:<name> or container:<name>");
}
