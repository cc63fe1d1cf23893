namespace GitOps.Reconciler.Models;

/// <summary>
/// What a file looked like when it was last hashed: size, modification time (UTC ticks), inode and change time (ctime,
/// nanoseconds). Any of them changed sends the file to a full re-hash; the inode catches a file replaced by another with
/// the same size and times, the ctime a file written in place whose modification time was set back.
/// </summary>
public sealed record ModelFileStamp(long Size, long ModifiedTicks)
{
    public long Inode { get; init; }

    public long ChangedNanoseconds { get; init; }

    public static ModelFileStamp Of(string path)
    {
        var info = new FileInfo(path);
        var (inode, changed) = FileIdentity.Of(path);
        return new(info.Length, info.LastWriteTimeUtc.Ticks) { Inode = inode, ChangedNanoseconds = changed };
    }
}
