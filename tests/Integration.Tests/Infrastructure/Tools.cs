namespace GitOps.Integration.Tests.Infrastructure;

/// <summary>Installs a Debian package only when its binary is missing (fresh CI machines), once per process.</summary>
public static class Tools
{
    private static readonly Lock Gate = new();
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);

    public static void Require(string binary, string package)
    {
        lock (Gate)
        {
            if (Find(binary) is not null)
            {
                return;
            }
            var environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
            if (ProcessRunner.Run("apt-get", ["install", "-y", "-q", package], environment: environment, check: false, timeout: InstallTimeout).ExitCode != 0)
            {
                // A fresh machine may have no package lists yet.
                ProcessRunner.Run("apt-get", ["update", "-q"], environment: environment, timeout: InstallTimeout);
                ProcessRunner.Run("apt-get", ["install", "-y", "-q", package], environment: environment, timeout: InstallTimeout);
            }
        }
    }

    public static bool Has(string binary) => Find(binary) is not null;

    public static string? Find(string binary)
    {
        if (Path.IsPathRooted(binary))
        {
            return File.Exists(binary) ? binary : null;
        }
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "") + ":/usr/sbin:/sbin:/usr/lib/git-core";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, binary))
            .FirstOrDefault(File.Exists);
    }
}
