using System.Security.Cryptography;
using System.Text;
using GitOps.Reconciler.Desired;

namespace GitOps.Reconciler.Tasks;

/// <summary>
/// The stable delay added to every fire of a task with <c>randomDelay</c>: spread over [0, randomDelay) by a hash of
/// host and task, so a fleet's identical schedules do not fire together and a restart never moves a host's offset.
/// </summary>
public static class TaskRandomDelay
{
    public static TimeSpan For(string host, TaskSpec spec)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.RandomDelay <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(host + "\n" + spec.Name));
        var value = BitConverter.ToUInt64(hash, 0);
        return TimeSpan.FromMilliseconds(value % (ulong)Math.Max(1, (long)spec.RandomDelay.TotalMilliseconds));
    }
}
