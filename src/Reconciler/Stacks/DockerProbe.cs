using System.Globalization;
using Docker.DotNet.Models;
using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Planning;
using NetworkSpec = GitOps.Reconciler.Compose.NetworkSpec;
using ServiceSpec = GitOps.Reconciler.Compose.ServiceSpec;

namespace GitOps.Reconciler.Stacks;

/// <summary>
/// Reads the <see cref="ActualState"/> of every managed stack with a bounded number of engine calls: one container
/// list, one network list, one volume list and one image list, all filtered by the ownership label; inspects only
/// containers whose config hash differs from the desired one (and their images); a registry digest only for
/// <c>pull_policy: always</c>. Unmanaged resources are never read.
/// With a <see cref="ContainerTrust"/> (the daemon's), a matching label is believed only for a container the probe
/// has already inspected and found as desired: any other container is inspected too (see <see cref="ContainerTrust"/>).
/// </summary>
/// <param name="owner">Only resources of this owner (the agent's host name) are read.</param>
/// <param name="trust">The containers whose labels may be believed; null believes every label (one-shot CLI reads).</param>
/// <param name="crashes">Restart loops seen in the engine's events; a looping container is read with its last log lines.</param>
public sealed class DockerProbe(
    IDockerEngine engine, string owner = EngineLabels.DefaultOwner, ContainerTrust? trust = null, CrashLoopTracker? crashes = null)
{
    /// <summary>How many log lines of a crash-looping container the report keeps.</summary>
    public const int LogLines = 100;

    // A container started this long after its creation was started again (by its restart policy or by hand).
    private static readonly TimeSpan RestartedAfterCreation = TimeSpan.FromSeconds(30);

    private readonly string[] _managedOnly = [EngineLabels.ManagedFilter, EngineLabels.OwnerFilter(owner)];

    public async Task<ActualState> ReadAsync(ProbeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var containersTask = engine.Containers.ListAsync(_managedOnly, cancellationToken);
        var networksTask = engine.Networks.ListAsync(_managedOnly, cancellationToken);
        var volumesTask = engine.Volumes.ListAsync(_managedOnly, cancellationToken);
        var imagesTask = engine.Images.ListAsync(cancellationToken);
        await Task.WhenAll(containersTask, networksTask, volumesTask, imagesTask);

        var networks = (await networksTask).Where(n => n.Labels?.ContainsKey(EngineLabels.Project) == true).ToList();
        var volumes = (await volumesTask).Where(v => v.Labels?.ContainsKey(EngineLabels.Project) == true).ToList();
        var containers = (await containersTask)
            .Where(c => c.Labels?.ContainsKey(EngineLabels.Project) == true && c.Labels.ContainsKey(EngineLabels.Service))
            .ToList();
        var projects = containers.Select(c => c.Labels[EngineLabels.Project])
            .Concat(networks.Select(n => n.Labels[EngineLabels.Project]))
            .Concat(volumes.Select(v => v.Labels[EngineLabels.Project]))
            .ToHashSet(StringComparer.Ordinal);

        var imageCache = new Dictionary<string, ImageInspectResponse?>(StringComparer.Ordinal);
        var stacks = new List<KeyValuePair<string, ActualStack>>();
        foreach (var project in projects.Order(StringComparer.Ordinal))
        {
            var stackNetworks = networks.Where(n => n.Labels[EngineLabels.Project] == project).ToList();
            var stackVolumes = volumes.Where(v => v.Labels[EngineLabels.Project] == project).ToList();
            var context = new ReadBackContext(
                project,
                stackNetworks.ToDictionary(n => n.Name, n => NetworkKey(n, project), StringComparer.Ordinal),
                stackVolumes.ToDictionary(v => v.Name, v => VolumeKey(v, project), StringComparer.Ordinal))
            {
                ContainerNames = containers.Where(c => c.Names is { Count: > 0 })
                    .ToDictionary(c => c.ID, c => c.Names[0].TrimStart('/'), StringComparer.Ordinal),
            };
            request.Desired.TryGetValue(project, out var desired);
            var stackContainers = await ReadContainersAsync(
                containers.Where(c => c.Labels[EngineLabels.Project] == project).ToList(), desired, request, context, imageCache, cancellationToken);
            stacks.Add(KeyValuePair.Create(project, new ActualStack(
                project,
                stackContainers,
                ValueMap.From(stackNetworks.Select(n => KeyValuePair.Create(NetworkKey(n, project), ReadNetwork(n, project)))),
                ValueMap.From(stackVolumes.Select(v => KeyValuePair.Create(VolumeKey(v, project), ReadVolume(v, project)))))));
        }

        var listed = containers.Select(c => c.ID).ToHashSet(StringComparer.Ordinal);
        trust?.Retain(listed);
        crashes?.Retain(listed);
        var images = await ReadImagesAsync(request, await imagesTask, cancellationToken);
        return new ActualState(ValueMap.From(stacks), images);
    }

    private async Task<ValueList<ActualContainer>> ReadContainersAsync(
        List<ContainerListResponse> containers,
        StackSpec? desired,
        ProbeRequest request,
        ReadBackContext context,
        Dictionary<string, ImageInspectResponse?> imageCache,
        CancellationToken cancellationToken)
    {
        var desiredHashes = desired?.Services.ToDictionary(kv => kv.Key, kv => ServiceSpecHash.Of(kv.Value, request.HashKey), StringComparer.Ordinal)
            ?? new Dictionary<string, string>(StringComparer.Ordinal);
        var replicas = containers.GroupBy(c => c.Labels[EngineLabels.Service], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var result = new List<ActualContainer>();
        var now = crashes?.UtcNow ?? DateTimeOffset.MinValue;
        foreach (var container in containers)
        {
            var service = container.Labels[EngineLabels.Service];
            var hash = container.Labels.TryGetValue(EngineLabels.ConfigHash, out var h) ? h : "";
            ServiceSpec? spec = null;
            var want = desiredHashes.GetValueOrDefault(service);
            ContainerInspectResponse? inspect = null;
            if (request.FullDrift || (want is not null && want != hash) || (trust is not null && !trust.Trusts(container.ID, hash)))
            {
                (spec, inspect) = await ReadSpecAsync(container.ID, context, imageCache, cancellationToken);
                spec = spec is null ? null : spec with { Replicas = replicas[service] };
                Judge(container, hash, want, desired, spec);
            }
            else if (crashes is not null && RestartSuspect(container, now))
            {
                inspect = await engine.Containers.InspectAsync(container.ID, cancellationToken);
            }
            if (crashes is not null && inspect is not null)
            {
                crashes.RecordInspect(
                    container.ID,
                    inspect.RestartCount,
                    inspect.State?.Restarting == true,
                    inspect.State is { Running: false } state ? (int)state.ExitCode : null);
            }
            result.Add(await WithCrashLoopAsync(container.ID, desired, service, new ActualContainer(
                container.ID,
                container.Names is { Count: > 0 } names ? names[0].TrimStart('/') : container.ID,
                service,
                int.TryParse(container.Labels.TryGetValue(EngineLabels.ContainerNumber, out var n) ? n : "", CultureInfo.InvariantCulture, out var number) ? number : 1,
                container.Image ?? "",
                container.ImageID ?? "",
                hash,
                container.State == "running",
                Health(container.Status),
                spec,
                container.State == "running" ? null : ExitCode(container.Status)), cancellationToken));
        }
        return ValueList.From(result.OrderBy(c => c.Service, StringComparer.Ordinal).ThenBy(c => c.Number));
    }

    /// <summary>A crash-looping container carries its loop, with its last log lines (read again after each new crash), secrets masked.</summary>
    private async Task<ActualContainer> WithCrashLoopAsync(string id, StackSpec? desired, string service, ActualContainer container, CancellationToken cancellationToken)
    {
        if (crashes?.Of(id) is null)
        {
            return container;
        }
        if (crashes.NeedsLogs(id))
        {
            var spec = desired?.Services.GetValueOrDefault(service);
            var lines = await engine.Containers.LogsAsync(id, LogLines, cancellationToken);
            crashes.SetLogs(id, ValueList.From(SecretMask.Lines(lines, spec?.Environment ?? ValueMap<string>.Empty, spec?.SensitiveEnvironment)));
        }
        return container with { CrashLoop = crashes.Of(id) };
    }

    /// <summary>An inspected container earns trust when it is exactly its desired spec; otherwise it stays suspect.</summary>
    private void Judge(ContainerListResponse container, string hash, string? want, StackSpec? desired, ServiceSpec? spec)
    {
        if (trust is null)
        {
            return;
        }
        var service = container.Labels[EngineLabels.Service];
        if (spec is not null && want == hash && desired?.Services.TryGetValue(service, out var wanted) == true
            && container.Image == wanted.Image && trust.Matches(wanted, spec))
        {
            trust.Trust(container.ID, hash);
        }
        else
        {
            trust.Distrust(container.ID);
        }
    }

    private async Task<(ServiceSpec? Spec, ContainerInspectResponse? Inspect)> ReadSpecAsync(
        string id, ReadBackContext context, Dictionary<string, ImageInspectResponse?> imageCache, CancellationToken cancellationToken)
    {
        var inspect = await engine.Containers.InspectAsync(id, cancellationToken);
        if (inspect is null)
        {
            return (null, null);
        }
        if (!imageCache.TryGetValue(inspect.Image, out var image))
        {
            image = await engine.Images.InspectAsync(inspect.Image, cancellationToken);
            imageCache[inspect.Image] = image;
        }
        return (ContainerSpecReader.Read(inspect, image, context), inspect);
    }

    /// <summary>
    /// A container the engine may be restarting in a loop, worth one inspect for its restart count: one the engine is
    /// restarting now, or one running for less than a minute although it was created well before it last started (a
    /// container that was just deployed was created and started together). Others cost nothing beyond the list.
    /// </summary>
    internal static bool RestartSuspect(ContainerListResponse container, DateTimeOffset now)
    {
        if (container.State == "restarting")
        {
            return true;
        }
        return container.State == "running"
            && Uptime(container.Status) is { } uptime
            && now - new DateTimeOffset(container.Created.ToUniversalTime(), TimeSpan.Zero) > uptime + RestartedAfterCreation;
    }

    /// <summary>How long the list says a container has been up, when under a minute (<c>Up 5 seconds</c>); null otherwise.</summary>
    internal static TimeSpan? Uptime(string? status)
    {
        const string prefix = "Up ";
        if (status is null || !status.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var rest = status.AsSpan(prefix.Length);
        if (rest.StartsWith("Less than a second", StringComparison.Ordinal))
        {
            return TimeSpan.Zero;
        }
        var space = rest.IndexOf(' ');
        return space > 0
            && rest[(space + 1)..].StartsWith("second", StringComparison.Ordinal)
            && int.TryParse(rest[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }

    private async Task<ValueMap<ImageInfo>> ReadImagesAsync(
        ProbeRequest request, IReadOnlyList<ImagesListResponse> images, CancellationToken cancellationToken)
    {
        var wanted = request.Desired.Values
            .SelectMany(s => s.Services.Values)
            .GroupBy(s => s.Image, StringComparer.Ordinal)
            .Select(g => (Reference: g.Key, Always: g.Any(s => s.PullPolicy == PullPolicy.Always)));
        var result = new List<KeyValuePair<string, ImageInfo>>();
        foreach (var (reference, always) in wanted)
        {
            var local = images.FirstOrDefault(i =>
                (i.RepoTags ?? []).Contains(NormaliseTag(reference), StringComparer.Ordinal)
                || (i.RepoDigests ?? []).Contains(reference, StringComparer.Ordinal));
            string? registryDigest = null;
            if (always)
            {
                try
                {
                    registryDigest = await engine.Images.RegistryDigestAsync(reference, cancellationToken);
                }
                catch (Docker.DotNet.DockerApiException)
                {
                    // Registry unreachable: the plan sees "unknown" and the pull reports the real error.
                }
            }
            if (local is not null || registryDigest is not null)
            {
                result.Add(KeyValuePair.Create(reference, new ImageInfo(
                    reference, local?.ID ?? "", ValueList.From(local?.RepoDigests ?? []), registryDigest)));
            }
        }
        return ValueMap.From(result);
    }

    /// <summary>The engine lists <c>name</c> as <c>name:latest</c>.</summary>
    internal static string NormaliseTag(string reference)
    {
        if (reference.Contains('@', StringComparison.Ordinal))
        {
            return reference;
        }
        var lastSlash = reference.LastIndexOf('/');
        return reference.IndexOf(':', lastSlash + 1) >= 0 ? reference : reference + ":latest";
    }

    /// <summary>The list shows <c>Exited (N) ...</c> for a stopped container; a created one has no exit code.</summary>
    internal static int? ExitCode(string? status)
    {
        const string prefix = "Exited (";
        if (status is null || !status.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var end = status.IndexOf(')', prefix.Length);
        return end > 0 && int.TryParse(status.AsSpan(prefix.Length, end - prefix.Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code)
            ? code
            : null;
    }

    internal static ContainerHealth Health(string? status) => status switch
    {
        null => ContainerHealth.None,
        _ when status.Contains("(healthy)", StringComparison.Ordinal) => ContainerHealth.Healthy,
        _ when status.Contains("(unhealthy)", StringComparison.Ordinal) => ContainerHealth.Unhealthy,
        _ when status.Contains("(health: starting)", StringComparison.Ordinal) => ContainerHealth.Starting,
        _ => ContainerHealth.None,
    };

    private static string NetworkKey(NetworkResponse network, string project) =>
        network.Labels.TryGetValue(EngineLabels.Network, out var key) ? key : StripProject(network.Name, project);

    private static string VolumeKey(VolumeResponse volume, string project) =>
        volume.Labels.TryGetValue(EngineLabels.Volume, out var key) ? key : StripProject(volume.Name, project);

    private static string StripProject(string name, string project) =>
        name.StartsWith(project + "_", StringComparison.Ordinal) ? name[(project.Length + 1)..] : name;

    private static ActualNetwork ReadNetwork(NetworkResponse network, string project)
    {
        var key = NetworkKey(network, project);
        return new ActualNetwork(key, network.ID, network.Name, new NetworkSpec(
            key,
            network.Name,
            network.Driver ?? "bridge",
            External: false,
            network.Internal,
            UserLabels(network.Labels),
            ValueMap.From(network.Options ?? new Dictionary<string, string>()))
        {
            Ipam = NetworkIpamMapper.FromEngine(network.IPAM, network.Labels),
        });
    }

    private static ActualVolume ReadVolume(VolumeResponse volume, string project)
    {
        var key = VolumeKey(volume, project);
        return new ActualVolume(key, volume.Name, new VolumeSpec(
            key,
            volume.Name,
            volume.Driver ?? "local",
            External: false,
            UserLabels(volume.Labels),
            ValueMap.From(volume.Options ?? new Dictionary<string, string>())));
    }

    private static ValueMap<string> UserLabels(IDictionary<string, string>? labels) =>
        ValueMap.From((labels ?? new Dictionary<string, string>()).Where(kv => !EngineLabels.IsOwnLabel(kv.Key)));
}
