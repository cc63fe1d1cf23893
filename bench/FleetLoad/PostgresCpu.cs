using System.Globalization;

namespace GitOps.Bench.FleetLoad;

/// <summary>
/// CPU time of one PostgreSQL cluster from /proc: the postmaster's own and its reaped children's (connections that
/// ended), plus every live child's (backends, walwriter, checkpointer...).
/// </summary>
internal sealed class PostgresCpu(int postmaster, int ticksPerSecond)
{
    public TimeSpan Read()
    {
        long ticks = 0;
        var (_, own) = Stat(postmaster, withChildren: true) ?? throw new InvalidOperationException($"no process {postmaster}");
        ticks += own;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && pid != postmaster && Stat(pid, withChildren: false) is { } stat && stat.Parent == postmaster)
            {
                ticks += stat.Ticks;
            }
        }
        return TimeSpan.FromSeconds((double)ticks / ticksPerSecond);
    }

    /// <summary>The parent and CPU ticks (utime + stime, and cutime + cstime with children) of a process; null when it is gone.</summary>
    private static (int Parent, long Ticks)? Stat(int pid, bool withChildren)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        // The command name may hold spaces and parentheses: the fields start after its last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int n) => long.Parse(fields[n - 3], CultureInfo.InvariantCulture);
        var ticks = Field(14) + Field(15) + (withChildren ? Field(16) + Field(17) : 0);
        return ((int)Field(4), ticks);
    }
}
