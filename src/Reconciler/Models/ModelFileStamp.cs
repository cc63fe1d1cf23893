namespace GitOps.Reconciler.Models;

/// <summary>A file's size and modification time (UTC ticks): changed stamps send the file to a full re-hash.</summary>
public sealed record ModelFileStamp(long Size, long ModifiedTicks)
{
    public static ModelFileStamp Of(string path)
    {
        var info = new FileInfo(path);
        return new(info.Length, info.LastWriteTimeUtc.Ticks);
    }
}
