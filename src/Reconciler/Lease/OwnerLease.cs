using System.Security.Cryptography;
using System.Text;
using Docker.DotNet.Models;
using GitOps.Reconciler.Engine;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Lease;

/// <summary>
/// This agent's lease on its owner (the host name it manages containers as), kept on the engine it manages, so two
/// agents for the same owner (other state directories, other refs) cannot take turns replacing each other's
/// containers. The lease is a set of small labelled volumes, one per heartbeat: volumes cost the engine a directory,
/// need no image and no container, and are visible to every client of the engine (<c>docker volume ls
/// --filter label=io.gitops-agent.lease</c>). Labels cannot change, so a heartbeat is a new volume and the previous
/// one is removed; a holder whose newest heartbeat is older than the time to live is dead (killed, its host gone),
/// and the next agent takes over. The daemon and a <c>sync</c> in the same state directory are the same holder.
/// </summary>
public sealed partial class OwnerLease : IDisposable
{
    private const string VolumePrefix = "gitops-agent-lease-";

    private readonly IDockerVolumes _volumes;
    private readonly string _owner;
    private readonly string _machine;
    private readonly string _stateDir;
    private readonly TimeProvider _time;
    private readonly ILogger<OwnerLease> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTimeOffset? _acquired;
    private DateTimeOffset? _lastBeat;
    private bool _settled;

    public OwnerLease(IDockerVolumes volumes, string owner, string stateDir, TimeSpan ttl, TimeProvider time, ILogger<OwnerLease> logger)
    {
        _volumes = volumes;
        _owner = owner;
        _machine = Environment.MachineName;
        _stateDir = Path.GetFullPath(stateDir);
        Ttl = ttl;
        _time = time;
        _logger = logger;
        Holder = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(_machine + "\n" + _stateDir)))[..16];
    }

    /// <summary>This agent's id in the lease: a hash of its machine name and state directory.</summary>
    public string Holder { get; }

    public TimeSpan Ttl { get; }

    /// <summary>How often the daemon renews: three heartbeats per time to live, so one missed beat loses nothing.</summary>
    public TimeSpan RenewInterval => Ttl / 3;

    /// <summary>
    /// Takes or renews the lease (one volume list; a create and a remove when a heartbeat is due), or says who holds it.
    /// An engine that cannot be asked yields "not held": applying without knowing is what the lease prevents. A holder
    /// whose lease is settled (see <see cref="IsSettled"/>) asks the engine only when its heartbeat is due.
    /// </summary>
    public async Task<LeaseState> EnsureAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await EnsureHeldAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutException or Docker.DotNet.DockerApiException)
        {
            return new LeaseState(false, $"the lease on owner '{_owner}' could not be read from the engine: {ex.Message}");
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Removes this agent's heartbeats (a clean stop), so another agent need not wait for them to expire.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_acquired is null)
            {
                return;
            }
            foreach (var mine in (await ReadAsync(cancellationToken)).Where(r => r.Holder == Holder))
            {
                await _volumes.RemoveAsync(mine.Volume, cancellationToken);
            }
            _acquired = null;
            _lastBeat = null;
            _settled = false;
            LogReleased(_owner);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// True when this agent holds the lease, has held it for a whole time to live, and read it from the engine after
    /// that: from then on it reads the lease only when its heartbeat is due (every <see cref="RenewInterval"/>), not on
    /// every pass. That gives up no guarantee. Reading changes a holder's mind only when another agent's lease precedes
    /// its own (acquired earlier), and such a lease comes only from an agent that raced this one's acquisition: an agent
    /// that finds a live holder never acquires, and one that finds none and acquires later is preceded by this one. The
    /// racer's claim stands only while its first heartbeat, written at its acquisition (before this one's), is within
    /// the time to live, so it is on the engine before this agent's lease is a time to live old, and the reads of every
    /// pass until then see it. What a read would still find is a later agent that took over because this agent's
    /// heartbeats were removed by hand; this agent precedes it and stays holder either way, and the newcomer learns
    /// it from this agent's next heartbeat, which a read does not bring forward.
    /// </summary>
    public bool IsSettled => _settled;

    private async Task<LeaseState> EnsureHeldAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_settled && _lastBeat is { } last && now >= last && now - last < RenewInterval)
        {
            return LeaseState.Granted;
        }
        _settled = false;
        if (_lastBeat is { } beat && now - beat > Ttl)
        {
            // Away longer than the lease lasts (a stopped process, a paused machine): another agent may have taken over.
            LogExpired(_owner, now - beat);
            _acquired = null;
        }
        var records = await ReadAsync(cancellationToken);
        var mine = records.Where(r => r.Holder == Holder).ToList();
        if (_acquired is null && LeaseHolder.Live(mine, now, Ttl).FirstOrDefault() is { } resumed)
        {
            // This state directory's agent still holds it: a restart within the time to live, or sync next to the daemon.
            _acquired = resumed.Acquired;
        }
        var other = LeaseHolder.Of(records.Where(r => r.Holder != Holder), now, Ttl);
        if (other is not null && (_acquired is not { } acquired || Precedes(other, acquired)))
        {
            if (_acquired is not null)
            {
                LogLost(_owner, other.Describe());
                await RemoveAsync(mine, keep: null, cancellationToken);
                _acquired = null;
                _lastBeat = null;
            }
            return new LeaseState(false, Refusal(other, now));
        }
        var acquiring = _acquired is null;
        _acquired ??= now;
        if (acquiring || _lastBeat is null || now - _lastBeat >= RenewInterval)
        {
            var written = await BeatAsync(_acquired.Value, now, cancellationToken);
            await RemoveAsync(mine, keep: written, cancellationToken);
        }
        if (acquiring)
        {
            // Another agent may have acquired at the same moment: both read again, and the first to acquire keeps it.
            var winner = LeaseHolder.Of(await ReadAsync(cancellationToken), _time.GetUtcNow(), Ttl);
            if (winner is not null && winner.Holder != Holder)
            {
                await RemoveAsync(await MineAsync(cancellationToken), keep: null, cancellationToken);
                _acquired = null;
                _lastBeat = null;
                return new LeaseState(false, Refusal(winner, now));
            }
            LogAcquired(_owner, Holder);
        }
        // Heartbeats of agents dead for a while are litter: the holder cleans them up.
        await RemoveAsync(records.Where(r => r.Holder != Holder && now - r.Heartbeat > 2 * Ttl), keep: null, cancellationToken);
        // Read (at or after now) a whole time to live after acquiring, still holding: any racer would have shown by now.
        _settled = !acquiring && now - _acquired.Value >= Ttl;
        return LeaseState.Granted;
    }

    private bool Precedes(LeaseRecord other, DateTimeOffset acquired) =>
        other.Acquired < acquired || (other.Acquired == acquired && string.CompareOrdinal(other.Holder, Holder) < 0);

    private string Refusal(LeaseRecord holder, DateTimeOffset now) =>
        $"another agent holds the lease on owner '{_owner}' ({holder.Describe()}; last heartbeat {Math.Max(0, (now - holder.Heartbeat).TotalSeconds):0}s ago): "
        + $"this agent ({_stateDir}) applies nothing until that lease expires, {Ttl.TotalSeconds:0}s after its holder stops";

    private async Task<string> BeatAsync(DateTimeOffset acquired, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var record = new LeaseRecord(
            $"{VolumePrefix}{Sanitize(_owner)}-{Holder[..12]}-{now.ToUnixTimeMilliseconds()}", _owner, Holder, acquired, now, _machine, _stateDir, Environment.ProcessId);
        await _volumes.CreateAsync(new VolumesCreateParameters { Name = record.Volume, Driver = "local", Labels = record.Labels() }, cancellationToken);
        _lastBeat = now;
        return record.Volume;
    }

    private async Task<IReadOnlyList<LeaseRecord>> ReadAsync(CancellationToken cancellationToken)
    {
        var volumes = await _volumes.ListAsync([$"{LeaseRecord.OwnerLabel}={_owner}"], cancellationToken);
        return [.. volumes.Select(v => LeaseRecord.Parse(v.Name, v.Labels)).OfType<LeaseRecord>().Where(r => r.Owner == _owner)];
    }

    private async Task<List<LeaseRecord>> MineAsync(CancellationToken cancellationToken) =>
        [.. (await ReadAsync(cancellationToken)).Where(r => r.Holder == Holder)];

    private async Task RemoveAsync(IEnumerable<LeaseRecord> records, string? keep, CancellationToken cancellationToken)
    {
        foreach (var record in records.Where(r => r.Volume != keep))
        {
            try
            {
                await _volumes.RemoveAsync(record.Volume, cancellationToken);
            }
            catch (Docker.DotNet.DockerApiException)
            {
                // Already removed by the other agent's clean-up.
            }
        }
    }

    private static string Sanitize(string owner) =>
        new([.. owner.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]);

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Acquired the lease on owner {Owner} as {Holder}")]
    private partial void LogAcquired(string owner, string holder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lease on owner {Owner} went to another agent ({Holder}); applying nothing")]
    private partial void LogLost(string owner, string holder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lease on owner {Owner} was not renewed for {Gap}; taking it again only if no other agent holds it")]
    private partial void LogExpired(string owner, TimeSpan gap);

    [LoggerMessage(Level = LogLevel.Information, Message = "Released the lease on owner {Owner}")]
    private partial void LogReleased(string owner);
}
