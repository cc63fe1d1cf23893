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

    /// <summary>
    /// Writes the files the service's secrets and configs are mounted from, and returns them by target:
    /// environment-sourced and inline ones under the state directory, decrypted file sources and variables decrypted from
    /// an encrypted .env under the runtime secrets directory (tmpfs only). Each is mode 0400 unless the grant says otherwise.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, string>> WriteGrantFilesAsync(StackRun run, ServiceSpec spec, CancellationToken cancellationToken)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var decrypted = run.Plan.Desired?.Compose.DecryptedFiles ?? Common.ValueMap<Secrets.SecretContent>.Empty;
        foreach (var (grant, target) in ContainerSpecMapper.Grants(spec))
        {
            if (grant.Source == GrantSource.File)
            {
                if (decrypted.TryGetValue(grant.SourceRef, out var plaintext))
                {
                    files[target] = await WriteGrantFileAsync(SecretsDirectory(run.Project, spec.Name), grant, plaintext.Bytes.ToArray(), cancellationToken);
                }
                continue;
            }
            var value = (run.Plan.Desired?.GrantValues.TryGetValue(grant.SourceRef, out var planned) == true ? planned : null)
                ?? (run.Plan.Desired?.Compose.GrantContents.TryGetValue(grant.SourceRef, out var inline) == true ? inline : null)
                ?? options.GrantValues(run.Plan.Stack, grant.SourceRef)
                ?? throw new IOException(grant.Source == GrantSource.Content
                    ? $"{grant.Name}: the inline content is not part of the plan"
                    : $"{grant.Name}: variable {grant.SourceRef} has no value on this host");
            // A variable decrypted from the stack's encrypted .env is plaintext of a secret: tmpfs only, like a decrypted file.
            var decryptedVariable = grant.Source == GrantSource.Environment
                && run.Plan.Desired?.DecryptedGrantVariables.Contains(grant.SourceRef, StringComparer.Ordinal) == true;
            var directory = decryptedVariable ? SecretsDirectory(run.Project, spec.Name) : GrantDirectory(run.Project, spec.Name);
            if (!decryptedVariable)
            {
                Directory.CreateDirectory(directory);
            }
            files[target] = await WriteGrantFileAsync(directory, grant, System.Text.Encoding.UTF8.GetBytes(value), cancellationToken);
        }
        return files;
    }

    private async Task<string> WriteGrantFileAsync(string directory, FileGrant grant, byte[] content, CancellationToken cancellationToken)
    {
        if (directory.StartsWith(options.SecretsDirectory, StringComparison.Ordinal) && !OperatingSystem.IsWindows())
        {
            RuntimeSecretsDirectory.Ensure(options.SecretsDirectory, directory);
        }
        var path = Path.Combine(directory, grant.Name + "-" + grant.ContentSha256[..Math.Min(12, grant.ContentSha256.Length)]);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
        // Created owner-only, so the content is never readable by others, not even before the final mode is set.
        await using (var stream = new FileStream(path, OperatingSystem.IsWindows()
            ? new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write }
            : new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }))
        {
            await stream.WriteAsync(content, cancellationToken);
        }
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, (UnixFileMode)(grant.Mode ?? Convert.ToInt32("400", 8)));
        }
        return path;
    }

    private string GrantDirectory(string project, string service) =>
        Path.Combine(options.StateDirectory, "grants", project, service);

    private string SecretsDirectory(string project, string service) =>
        Path.Combine(options.SecretsDirectory, project, service);

    /// <summary>The service is gone: no container needs its files any more.</summary>
    private void DeleteGrantFiles(string project, string service)
    {
        foreach (var directory in new[] { GrantDirectory(project, service), SecretsDirectory(project, service) })
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>
    /// After the service converged, the decrypted files of earlier contents are needed by no container: removed. (They
    /// are kept until then, so a rolled-back container can start again with its own files.)
    /// </summary>
    private static void DeleteStaleSecretFiles(string directory, IEnumerable<string> current)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }
        var keep = current.ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory).Where(f => !keep.Contains(f)))
        {
            File.Delete(file);
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
