using GitOps.Reconciler.Common;

namespace GitOps.Daemon.Install;

/// <summary>Carries out an <see cref="InstallPlan"/>'s steps in order; the first failure stops it with the step named.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class InstallExecutor(string root, TextWriter output, TimeProvider? time = null)
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    public async Task RunAsync(IReadOnlyList<InstallStep> steps, CancellationToken cancellationToken)
    {
        foreach (var step in steps)
        {
            await output.WriteLineAsync("  + " + step.Describe());
            switch (step)
            {
                case CreateUser user:
                    var args = new List<string> { "--system", "--home-dir", user.Home, "--no-create-home", "--shell", "/usr/sbin/nologin", "--user-group" };
                    if (user.Groups.Count > 0)
                    {
                        args.AddRange(["--groups", string.Join(",", user.Groups)]);
                    }
                    await RunToolAsync("useradd", [.. args, user.Name], cancellationToken);
                    break;
                case CreateDirectory directory:
                    var path = HostPath.Under(root, directory.Path);
                    Directory.CreateDirectory(path, directory.Mode);
                    File.SetUnixFileMode(path, directory.Mode);
                    await ChownAsync(path, directory.Owner, directory.Group, cancellationToken);
                    break;
                case WriteFile file:
                    await WriteAtomicallyAsync(file, cancellationToken);
                    break;
                case AddToGroup membership:
                    await RunToolAsync("usermod", ["--append", "--groups", membership.Group, membership.User], cancellationToken);
                    break;
                case SetPathMode fix:
                    var fixPath = HostPath.Under(root, fix.Path);
                    File.SetUnixFileMode(fixPath, fix.Mode);
                    await ChownAsync(fixPath, fix.Owner, fix.Group, cancellationToken);
                    break;
                case CreateAgeKey key:
                    var keyPath = HostPath.Under(root, key.Path);
                    var identity = GitOps.Reconciler.Secrets.AgeKeyFile.CreateIfMissing(keyPath, (time ?? TimeProvider.System).GetUtcNow(), out _);
                    await ChownAsync(keyPath, key.Owner, key.Owner, cancellationToken);
                    await output.WriteLineAsync($"    age recipient of this host: {identity.Recipient}");
                    await output.WriteLineAsync("    (add it to the repo's .sops.yaml and re-encrypt the files this host needs: docs/secrets.md)");
                    break;
                case Systemctl systemctl:
                    await RunToolAsync("systemctl", systemctl.Arguments, cancellationToken);
                    break;
                default:
                    throw new InvalidOperationException("unknown install step " + step.GetType().Name);
            }
        }
    }

    private async Task WriteAtomicallyAsync(WriteFile file, CancellationToken cancellationToken)
    {
        var path = HostPath.Under(root, file.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".new";
        await File.WriteAllTextAsync(temporary, file.Content, cancellationToken);
        File.SetUnixFileMode(temporary, file.Mode);
        await ChownAsync(temporary, null, file.Group, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    private static Task ChownAsync(string path, string? owner, string? group, CancellationToken cancellationToken) =>
        owner is null && group is null
            ? Task.CompletedTask
            : RunToolAsync("chown", [$"{owner ?? "root"}:{group ?? owner}", path], cancellationToken);

    private static async Task RunToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await ToolProcess.RunAsync(tool, arguments, input: null, CommandTimeout, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InstallFailedException($"{tool} {string.Join(" ", arguments)} failed ({result.ExitCode}): {result.Error.Trim()}");
        }
    }
}

public sealed class InstallFailedException(string message) : Exception(message);
