using System.Globalization;

namespace GitOps.Daemon.Http;

/// <summary>
/// Which process listens on a TCP port, read from <c>/proc</c> (Linux): the socket's inode in <c>/proc/net/tcp*</c>,
/// then the process whose file descriptors hold it. Only for a message to people; null when unknown (not Linux,
/// or the owner's descriptors are not readable by this account).
/// </summary>
internal static class ListenerOwner
{
    private const string ListenState = "0A";

    public static string? Find(int port)
    {
        try
        {
            var inodes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" }.Where(File.Exists))
            {
                foreach (var line in File.ReadLines(table).Skip(1))
                {
                    var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (fields.Length > 9 && fields[3] == ListenState && PortOf(fields[1]) == port)
                    {
                        inodes.Add(fields[9]);
                    }
                }
            }
            return inodes.Count == 0 ? null : ProcessHolding(inodes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int PortOf(string localAddress)
    {
        var colon = localAddress.LastIndexOf(':');
        return colon < 0 ? -1 : int.Parse(localAddress[(colon + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }

    private static string? ProcessHolding(HashSet<string> inodes)
    {
        foreach (var process in Directory.EnumerateDirectories("/proc"))
        {
            var pid = Path.GetFileName(process);
            if (!pid.All(char.IsAsciiDigit) || pid == Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
            {
                continue;
            }
            try
            {
                foreach (var descriptor in Directory.EnumerateFileSystemEntries(Path.Combine(process, "fd")))
                {
                    var target = new FileInfo(descriptor).LinkTarget;
                    if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal) && inodes.Contains(target[8..^1]))
                    {
                        var name = File.ReadAllText(Path.Combine(process, "comm")).Trim();
                        return $"{name} (pid {pid})";
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A process that exited meanwhile or is not ours to read.
            }
        }
        return null;
    }

    /// <summary>True when the exception is the server's "address already in use" (or any bind failure) at start.</summary>
    public static bool IsBindFailure(Exception exception) =>
        exception is IOException io && (io.InnerException is System.Net.Sockets.SocketException || io.Message.Contains("bind", StringComparison.OrdinalIgnoreCase));
}
