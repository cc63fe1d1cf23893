using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Stacks;

public sealed partial class ComposeExecutor
{
    /// <summary>Makes the image present as its pull policy says and returns its local id.</summary>
    private async Task<string> EnsureImageAsync(StackRun run, ServiceSpec spec, CancellationToken cancellationToken)
    {
        if (spec.Build is not null)
        {
            return await EnsureBuiltAsync(run, spec, spec.Build, cancellationToken);
        }
        if (await PulledBeforeAsync(run, spec, cancellationToken) is { } pulledBefore)
        {
            return pulledBefore;
        }
        var local = spec.PullPolicy == PullPolicy.Always ? null : await engine.Images.InspectAsync(spec.Image, cancellationToken);
        if (local is not null)
        {
            return local.ID;
        }
        if (spec.PullPolicy == PullPolicy.Never)
        {
            throw new ImagePullException(spec.Image, "not present locally and pull_policy is never");
        }
        run.Report(spec.Name, ApplyPhase.Pulling, spec.Image);
        var layers = new Dictionary<string, (long Current, long Total)>(StringComparer.Ordinal);
        // A registry that stops sending mid-layer never ends the pull by itself: every message re-arms the watchdog.
        using var stalled = new CancellationTokenSource(options.PullProgressTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stalled.Token);
        var progress = new PullProgress(message =>
        {
            stalled.CancelAfter(options.PullProgressTimeout);
            if (message.Progress is { Total: > 0 } p && !string.IsNullOrEmpty(message.ID))
            {
                layers[message.ID] = (p.Current ?? 0, p.Total ?? 0);
                run.Report(spec.Name, ApplyPhase.Pulling, spec.Image, layers.Values.Sum(l => l.Current), layers.Values.Sum(l => l.Total));
            }
        });
        try
        {
            await engine.Images.PullAsync(spec.Image, progress, linked.Token);
        }
        catch (OperationCanceledException) when (stalled.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ImagePullException(spec.Image, $"no progress from the registry for {options.PullProgressTimeout.TotalSeconds:0}s (pullProgressTimeout)");
        }
        var pulled = await engine.Images.InspectAsync(spec.Image, cancellationToken)
            ?? throw new ImagePullException(spec.Image, "image not present after pull");
        return pulled.ID;
    }

    /// <summary>
    /// Builds the image from its context unless the tag, which carries the context's content hash, is present already.
    /// A failed build throws before anything is stopped, so the running containers stay as they are.
    /// </summary>
    private async Task<string> EnsureBuiltAsync(StackRun run, ServiceSpec spec, BuildSpec build, CancellationToken cancellationToken)
    {
        if (await engine.Images.InspectAsync(spec.Image, cancellationToken) is { } existing)
        {
            return existing.ID;
        }
        if (!options.AllowBuild)
        {
            throw new ImageBuildException(spec.Image, "this host forbids building images (build.allowed: false in agent.yaml); deploy an image CI built with 'image:' instead", []);
        }
        run.Report(spec.Name, ApplyPhase.Building, spec.Image);
        var tar = Path.Combine(options.StateDirectory, "build-" + Guid.NewGuid().ToString("N") + ".tar");
        Directory.CreateDirectory(options.StateDirectory);
        try
        {
            await System.Formats.Tar.TarFile.CreateFromDirectoryAsync(build.Context, tar, includeBaseDirectory: false, cancellationToken);
            await using var context = File.OpenRead(tar);
            var output = new PullProgress(message =>
            {
                foreach (var line in (message.Stream ?? "").Split('\n').Where(l => l.Trim().Length > 0))
                {
                    run.Report(spec.Name, ApplyPhase.Building, line.TrimEnd());
                }
            });
            await engine.Images.BuildAsync(ImageBuildMapper.ToParameters(spec.Image, build), context, output, cancellationToken);
        }
        finally
        {
            File.Delete(tar);
        }
        return (await engine.Images.InspectAsync(spec.Image, cancellationToken))?.ID
            ?? throw new ImageBuildException(spec.Image, "image not present after build", []);
    }

    /// <summary>Writes environment-sourced secrets/configs and inline configs to files (mode 0400) and returns them by target.</summary>
    private async Task<IReadOnlyDictionary<string, string>> WriteGrantFilesAsync(StackRun run, ServiceSpec spec, CancellationToken cancellationToken)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (grant, target) in ContainerSpecMapper.Grants(spec).Where(g => g.Grant.Source is GrantSource.Environment or GrantSource.Content))
        {
            var value = (run.Plan.Desired?.GrantValues.TryGetValue(grant.SourceRef, out var planned) == true ? planned : null)
                ?? (run.Plan.Desired?.Compose.GrantContents.TryGetValue(grant.SourceRef, out var inline) == true ? inline : null)
                ?? options.GrantValues(run.Plan.Stack, grant.SourceRef)
                ?? throw new IOException(grant.Source == GrantSource.Content
                    ? $"{grant.Name}: the inline content is not part of the plan"
                    : $"{grant.Name}: variable {grant.SourceRef} has no value on this host");
            var directory = GrantDirectory(run.Project, spec.Name);
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, grant.Name + "-" + grant.ContentSha256[..Math.Min(12, grant.ContentSha256.Length)]);
            if (File.Exists(path))
            {
                File.Delete(path);
            }
            await File.WriteAllTextAsync(path, value, cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, (UnixFileMode)(grant.Mode ?? Convert.ToInt32("400", 8)));
            }
            files[target] = path;
        }
        return files;
    }

    private string GrantDirectory(string project, string service) =>
        Path.Combine(options.StateDirectory, "grants", project, service);

    private void DeleteGrantFiles(string project, string service)
    {
        var directory = GrantDirectory(project, service);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// Like compose, a bind source that does not exist yet is created as a directory when the mount says so (short
    /// syntax, or <c>bind.create_host_path</c>); otherwise the engine refuses the missing source.
    /// </summary>
    private static void EnsureBindSources(ServiceSpec spec)
    {
        foreach (var mount in spec.Mounts.Where(m => m.Type == MountType.Bind && m.CreateHostPath))
        {
            if (!File.Exists(mount.Source) && !Directory.Exists(mount.Source))
            {
                Directory.CreateDirectory(mount.Source);
            }
        }
    }

    /// <summary>Reports synchronously so byte counts arrive in order.</summary>
    private sealed class PullProgress(Action<Docker.DotNet.Models.JSONMessage> report) : IProgress<Docker.DotNet.Models.JSONMessage>
    {
        public void Report(Docker.DotNet.Models.JSONMessage value) => report(value);
    }
}
