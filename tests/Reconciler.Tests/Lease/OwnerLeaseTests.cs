using Docker.DotNet.Models;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Lease;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GitOps.Reconciler.Tests.Lease;

/// <summary>
/// How often the lease asks the engine: every pass until it has been held for a whole time to live (a racer that
/// acquired first shows up meanwhile and wins), then only when a heartbeat is due. Over an in-memory engine and a fake clock.
/// </summary>
public sealed class OwnerLeaseTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly Volumes _engine = new();

    private OwnerLease Lease(string stateDir) =>
        new(_engine, "h1", Path.Combine(Path.GetTempPath(), stateDir), Ttl, _time, NullLogger<OwnerLease>.Instance);

    /// <summary>Passes one second apart until the lease has been held a whole time to live and read after that.</summary>
    private async Task SettleAsync(OwnerLease lease)
    {
        while (!lease.IsSettled)
        {
            Assert.True((await lease.EnsureAsync(CancellationToken.None)).Held);
            _time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public async Task EnsureAsync_SettledHolderBetweenHeartbeats_NoEngineCall()
    {
        using var lease = Lease("agent-a");
        await SettleAsync(lease);
        var lists = _engine.Lists;

        for (var i = 0; i < 5; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            Assert.True((await lease.EnsureAsync(CancellationToken.None)).Held);
        }

        Assert.Equal(lists, _engine.Lists);
    }

    [Fact]
    public async Task EnsureAsync_SettledHolderHeartbeatDue_ReadsAndBeats()
    {
        using var lease = Lease("agent-a");
        await SettleAsync(lease);
        var (lists, creates) = (_engine.Lists, _engine.Creates);

        _time.Advance(lease.RenewInterval);
        Assert.True((await lease.EnsureAsync(CancellationToken.None)).Held);

        Assert.Equal(lists + 1, _engine.Lists);
        Assert.Equal(creates + 1, _engine.Creates);
    }

    [Fact]
    public async Task EnsureAsync_WithinTheFirstTimeToLive_ReadsEveryPass()
    {
        using var lease = Lease("agent-a");
        Assert.True((await lease.EnsureAsync(CancellationToken.None)).Held);
        var lists = _engine.Lists;

        for (var i = 0; i < 5; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            Assert.True((await lease.EnsureAsync(CancellationToken.None)).Held);
        }

        Assert.Equal(lists + 5, _engine.Lists);
        Assert.False(lease.IsSettled);
    }

    [Fact]
    public async Task EnsureAsync_RacerThatAcquiredFirstShowsUpLate_HolderGivesWayAtItsNextPass()
    {
        using var lease = Lease("agent-a");
        Assert.True((await lease.EnsureAsync(CancellationToken.None)).Held);
        // Another agent acquired a moment before this one, but its heartbeat reached the engine only now.
        var racer = new LeaseRecord("gitops-agent-lease-racer", "h1", "racer", _time.GetUtcNow().AddSeconds(-1), _time.GetUtcNow().AddSeconds(-1), "m", "/racer", 1);
        _time.Advance(TimeSpan.FromSeconds(5));
        _engine.Add(racer);

        var state = await lease.EnsureAsync(CancellationToken.None);

        Assert.False(state.Held);
        Assert.Contains("another agent holds the lease", state.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureAsync_NotHolder_ReadsEveryPassAndTakesOverOnceTheHolderIsGone()
    {
        using var holder = Lease("agent-a");
        using var other = Lease("agent-b");
        await SettleAsync(holder);
        var lists = _engine.Lists;

        for (var i = 0; i < 3; i++)
        {
            Assert.False((await other.EnsureAsync(CancellationToken.None)).Held);
            _time.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.Equal(lists + 3, _engine.Lists);

        _time.Advance(Ttl + Ttl);
        Assert.True((await other.EnsureAsync(CancellationToken.None)).Held);
    }

    [Fact]
    public async Task EnsureAsync_SettledHolderAwayLongerThanTheTimeToLive_ReadsAndYieldsToTheNewHolder()
    {
        using var holder = Lease("agent-a");
        using var other = Lease("agent-b");
        await SettleAsync(holder);

        _time.Advance(Ttl + TimeSpan.FromSeconds(1));
        Assert.True((await other.EnsureAsync(CancellationToken.None)).Held);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.False((await holder.EnsureAsync(CancellationToken.None)).Held);
        Assert.False(holder.IsSettled);
    }

    /// <summary>Volumes in memory, filtered by label like the engine's list.</summary>
    private sealed class Volumes : IDockerVolumes
    {
        private readonly Dictionary<string, IDictionary<string, string>> _volumes = new(StringComparer.Ordinal);

        public int Lists { get; private set; }

        public int Creates { get; private set; }

        public void Add(LeaseRecord record) => _volumes[record.Volume] = record.Labels();

        public Task<IReadOnlyList<VolumeResponse>> ListAsync(IReadOnlyCollection<string> labels, CancellationToken cancellationToken)
        {
            Lists++;
            IReadOnlyList<VolumeResponse> matching = [.. _volumes
                .Where(v => labels.All(l => l.Split('=', 2) is [var key, var value] && v.Value.TryGetValue(key, out var actual) && actual == value))
                .Select(v => new VolumeResponse { Name = v.Key, Labels = v.Value })];
            return Task.FromResult(matching);
        }

        public Task CreateAsync(VolumesCreateParameters parameters, CancellationToken cancellationToken)
        {
            Creates++;
            _volumes[parameters.Name] = parameters.Labels;
            return Task.CompletedTask;
        }

        public Task RemoveAsync(string name, CancellationToken cancellationToken)
        {
            _volumes.Remove(name);
            return Task.CompletedTask;
        }
    }
}
