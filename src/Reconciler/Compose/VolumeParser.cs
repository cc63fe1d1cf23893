using GitOps.Reconciler.Yaml;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Compose;

/// <summary>
/// A service's <c>volumes:</c> entry, short (<c>[source:]target[:ro|rw]</c>) or long form, as a <see cref="MountSpec"/>.
/// Relative bind sources resolve against the stack directory and must stay inside the repository; absolute host
/// paths are allowed; named volumes must be declared at top level.
/// </summary>
internal sealed class VolumeParser(ComposeContext context, string service)
{
    public MountSpec? Parse(YamlNode item) => item is YamlMappingNode ? ParseLong(item) : ParseShort(item);

    private MountSpec? ParseShort(YamlNode item)
    {
        var text = context.Scalar(item, $"a volume of {service}");
        if (text is null)
        {
            return null;
        }
        var parts = text.Split(':');
        if (parts.Length > 3 || parts.Any(p => p.Length == 0))
        {
            context.Error(item, $"invalid volume '{text}' in {service}; expected [source:]target[:ro|rw]");
            return null;
        }
        var readOnly = parts.Length == 3 && ReadMode(parts[2], item);
        if (parts.Length == 1)
        {
            return Target(parts[0], item) is { } anonymous ? new MountSpec(MountType.Volume, "", anonymous, false) : null;
        }
        var target = Target(parts[1], item);
        var source = parts[0];
        var isPath = source.StartsWith('/') || source.StartsWith('.') || source.StartsWith('~');
        var resolved = isPath ? BindSource(source, item) : VolumeSource(source, item);
        return target is null || resolved is null ? null : new MountSpec(isPath ? MountType.Bind : MountType.Volume, resolved, target, readOnly);
    }

    private bool ReadMode(string mode, YamlNode at)
    {
        var readOnly = false;
        foreach (var option in mode.Split(','))
        {
            switch (option)
            {
                case "ro":
                    readOnly = true;
                    break;
                case "rw":
                    break;
                default:
                    context.Error(at, $"unsupported: volume option '{option}' in {service}; expected ro or rw");
                    break;
            }
        }
        return readOnly;
    }

    private MountSpec? ParseLong(YamlNode item)
    {
        var what = $"a volume of {service}";
        var map = context.Map(item, what);
        if (map is null)
        {
            return null;
        }
        ComposeKeys.Check(map, what, ComposeKeys.Mount, ComposeKeys.MountUnsupported, "volumes.");
        var type = map.String("type", required: true, what: what);
        var target = map.String("target", required: true, what: what) is { } t ? Target(t, map["target"]!) : null;
        var source = map.String("source");
        var readOnly = map.Bool("read_only") ?? false;
        var size = ReadTmpfsSize(map, type);
        switch (type)
        {
            case null:
                return null;
            case "bind" when source is null:
                context.Diagnostics.Error(map.Position, $"a bind mount of {service} needs 'source'");
                return null;
            case "bind":
                var bind = BindSource(source, map["source"]!);
                return bind is null || target is null ? null : new MountSpec(MountType.Bind, bind, target, readOnly);
            case "volume":
                var volume = source is null ? "" : VolumeSource(source, map["source"]!);
                return volume is null || target is null ? null : new MountSpec(MountType.Volume, volume, target, readOnly);
            case "tmpfs":
                return target is null ? null : new MountSpec(MountType.Tmpfs, "", target, readOnly, size);
            case "npipe" or "cluster" or "image":
                context.Error(map["type"]!, $"unsupported: volume type '{type}'");
                return null;
            default:
                context.Error(map["type"]!, $"invalid volume type '{type}'; expected bind, volume or tmpfs");
                return null;
        }
    }

    private long? ReadTmpfsSize(YamlMap map, string? type)
    {
        var tmpfs = map["tmpfs"] is { } node ? context.Map(node, $"'tmpfs' of a volume of {service}") : null;
        if (tmpfs is null)
        {
            return null;
        }
        if (type != "tmpfs")
        {
            context.Diagnostics.Error(map.KeyPosition("tmpfs"), "'tmpfs' options are only allowed on a volume of type tmpfs");
        }
        ComposeKeys.Check(tmpfs, $"'tmpfs' of a volume of {service}", ComposeKeys.MountTmpfs, ComposeKeys.MountTmpfsUnsupported, "volumes.tmpfs.");
        var text = tmpfs.String("size");
        if (text is null)
        {
            return null;
        }
        if (ByteSizeParser.TryParse(text, out var bytes))
        {
            return bytes;
        }
        context.Error(tmpfs["size"]!, $"invalid size '{text}' for 'size'; expected {ByteSizeParser.Expected}");
        return null;
    }

    private string? Target(string target, YamlNode at)
    {
        if (target.StartsWith('/'))
        {
            return target.Length > 1 ? target.TrimEnd('/') : target;
        }
        context.Error(at, $"invalid mount target '{target}' in {service}; expected an absolute container path");
        return null;
    }

    private string? BindSource(string source, YamlNode at)
    {
        if (source.StartsWith('~'))
        {
            context.Error(at, $"bind mount source '{source}' in {service} is relative to a home directory; expected a path relative to the stack directory or an absolute path");
            return null;
        }
        if (source.StartsWith('/'))
        {
            return Path.TrimEndingDirectorySeparator(Path.GetFullPath(source));
        }
        var repo = context.Source.Repo;
        var relative = repo.ResolveInside(context.Source.StackDirectory, source, context.At(at), context.Diagnostics, "bind mount source");
        return relative is null ? null : repo.FullPath(relative);
    }

    private string? VolumeSource(string name, YamlNode at)
    {
        if (context.Volumes.ContainsKey(name))
        {
            return name;
        }
        context.Error(at, $"{service} uses volume '{name}', which is not declared under top-level 'volumes'");
        return null;
    }
}
