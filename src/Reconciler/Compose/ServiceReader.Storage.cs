using GitOps.Reconciler.Common;
using GitOps.Reconciler.Yaml;

namespace GitOps.Reconciler.Compose;

/// <summary>What the container sees on disk: volumes (bind, named, tmpfs) and service-level tmpfs.</summary>
internal sealed partial class ServiceReader
{
    private ValueList<MountSpec> ReadMounts()
    {
        var parser = new VolumeParser(_context, What);
        var mounts = new List<MountSpec>();
        foreach (var item in ListItems("volumes"))
        {
            if (parser.Parse(item) is { } mount)
            {
                if (mounts.Exists(m => m.Target == mount.Target))
                {
                    _context.Error(item, $"{What} mounts '{mount.Target}' more than once");
                    continue;
                }
                mounts.Add(mount);
                _settingPositions[SettingPositions.MountKey(_name, mount.Target)] = _context.At(item);
            }
        }
        return ValueList.Sorted(mounts);
    }

    /// <summary>Service-level tmpfs: <c>path</c> or <c>path:options</c>, as a string or a list.</summary>
    private ValueMap<string> ReadTmpfs()
    {
        var tmpfs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in ListItems("tmpfs", allowScalar: true))
        {
            var text = _context.Scalar(item, $"a tmpfs of {What}");
            if (text is null)
            {
                continue;
            }
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            var path = colon < 0 ? text : text[..colon];
            if (!path.StartsWith('/'))
            {
                _context.Error(item, $"invalid tmpfs '{text}' in {What}; expected an absolute container path, optionally followed by :options");
                continue;
            }
            tmpfs[path] = colon < 0 ? "" : text[(colon + 1)..];
        }
        return ValueMap.From(tmpfs);
    }
}
