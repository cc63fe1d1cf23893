using GitOps.Reconciler.Yaml;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Compose;

/// <summary>
/// A service's <c>volumes:</c> entry, short (<c>[source:]target[:options]</c>) or long form, as a <see cref="MountSpec"/>.
/// Relative bind sources resolve against the stack directory and must stay inside the repository; absolute host
/// paths are allowed; named volumes must be declared at top level.
/// </summary>
internal sealed class VolumeParser(ComposeContext context, string service)
{
    public MountSpec? Parse(YamlNode item) => item is YamlMappingNode ? ParseLong(item) : ParseShort(item);

    private static readonly string[] Propagations = ["private", "rprivate", "shared", "rshared", "slave", "rslave"];

    /// <summary>Consistency modes matter only to Docker Desktop on macOS; on Linux compose accepts and ignores them.</summary>
    private static readonly string[] Consistencies = ["cached", "consistent", "default", "delegated"];

    private const string ExpectedOptions = "ro, rw, z, Z, nocopy, a propagation (rprivate, private, rshared, shared, rslave, slave) or cached, delegated, consistent";

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
            context.Error(item, $"invalid volume '{text}' in {service}; expected [source:]target[:options]");
            return null;
        }
        if (parts.Length == 1)
        {
            return Target(parts[0], item) is { } anonymous ? new MountSpec(MountType.Volume, "", anonymous, false) : null;
        }
        var target = Target(parts[1], item);
        var source = parts[0];
        var isPath = source.StartsWith('/') || source.StartsWith('.') || source.StartsWith('~');
        var resolved = isPath ? BindSource(source, item) : VolumeSource(source, item);
        if (target is null || resolved is null)
        {
            return null;
        }
        // The short syntax creates a missing bind source, as docker-compose always did.
        var mount = new MountSpec(isPath ? MountType.Bind : MountType.Volume, resolved, target, false) { CreateHostPath = isPath };
        return parts.Length == 3 ? WithOptions(mount, parts[2], item) : mount;
    }

    private MountSpec WithOptions(MountSpec mount, string options, YamlNode at)
    {
        foreach (var option in options.Split(','))
        {
            switch (option)
            {
                case "ro":
                    mount = mount with { ReadOnly = true };
                    break;
                case "rw":
                    mount = mount with { ReadOnly = false };
                    break;
                case "z" or "Z" when mount.Type == MountType.Bind:
                    mount = mount with { SeLinux = option };
                    break;
                case var p when Propagations.Contains(p) && mount.Type == MountType.Bind:
                    mount = mount with { Propagation = p };
                    break;
                case "nocopy" when mount.Type == MountType.Volume:
                    mount = mount with { NoCopy = true };
                    break;
                case var c when Consistencies.Contains(c):
                    break;
                case "z" or "Z":
                case var p when Propagations.Contains(p):
                    context.Error(at, $"volume option '{option}' in {service} applies only to bind mounts");
                    break;
                case "nocopy":
                    context.Error(at, $"volume option 'nocopy' in {service} applies only to named volumes");
                    break;
                default:
                    context.Error(at, $"invalid volume option '{option}' in {service}; expected {ExpectedOptions}");
                    break;
            }
        }
        return mount;
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
        var bindOptions = ReadBindOptions(map, type);
        var volumeOptions = ReadVolumeOptions(map, type);
        if (map.String("consistency") is { } consistency && !Consistencies.Contains(consistency))
        {
            context.Error(map["consistency"]!, $"invalid consistency '{consistency}' in {service}; expected {string.Join(", ", Consistencies)}");
        }
        switch (type)
        {
            case null:
                return null;
            case "bind" when source is null:
                context.Diagnostics.Error(map.Position, $"a bind mount of {service} needs 'source'");
                return null;
            case "bind":
                var bind = BindSource(source, map["source"]!);
                return bind is null || target is null ? null : bindOptions(new MountSpec(MountType.Bind, bind, target, readOnly));
            case "volume":
                var volume = source is null ? "" : VolumeSource(source, map["source"]!);
                return volume is null || target is null ? null : volumeOptions(new MountSpec(MountType.Volume, volume, target, readOnly));
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

    /// <summary>The long form's <c>bind:</c> options; without <c>create_host_path</c> a missing source is an error, as with compose.</summary>
    private Func<MountSpec, MountSpec> ReadBindOptions(YamlMap map, string? type)
    {
        var what = $"'bind' of a volume of {service}";
        var bind = map["bind"] is { } node ? context.Map(node, what) : null;
        if (bind is null)
        {
            return m => m;
        }
        if (type != "bind")
        {
            context.Diagnostics.Error(map.KeyPosition("bind"), "'bind' options are only allowed on a volume of type bind");
        }
        ComposeKeys.Check(bind, what, ComposeKeys.MountBind, path: "volumes.bind.");
        var propagation = bind.String("propagation");
        if (propagation is not null && !Propagations.Contains(propagation))
        {
            context.Error(bind["propagation"]!, $"invalid propagation '{propagation}' in {service}; expected {string.Join(", ", Propagations)}");
        }
        var selinux = bind.String("selinux");
        if (selinux is not null and not ("z" or "Z"))
        {
            context.Error(bind["selinux"]!, $"invalid selinux '{selinux}' in {service}; expected z (shared) or Z (private)");
        }
        if (bind.Has("recursive"))
        {
            context.Diagnostics.Error(bind.KeyPosition("recursive"), $"unsupported: volumes.bind.recursive (needs engine API {EngineApi.RecursiveBind}; the agent speaks {EngineApi.Version})");
        }
        var create = bind.Bool("create_host_path") ?? false;
        return m => m with { CreateHostPath = create, Propagation = propagation, SeLinux = selinux };
    }

    private Func<MountSpec, MountSpec> ReadVolumeOptions(YamlMap map, string? type)
    {
        var what = $"'volume' of a volume of {service}";
        var volume = map["volume"] is { } node ? context.Map(node, what) : null;
        if (volume is null)
        {
            return m => m;
        }
        if (type != "volume")
        {
            context.Diagnostics.Error(map.KeyPosition("volume"), "'volume' options are only allowed on a volume of type volume");
        }
        ComposeKeys.Check(volume, what, ComposeKeys.MountVolume, path: "volumes.volume.");
        if (volume.Has("subpath"))
        {
            context.Diagnostics.Error(volume.KeyPosition("subpath"), $"unsupported: volumes.volume.subpath (needs engine API {EngineApi.VolumeSubpath}; the agent speaks {EngineApi.Version})");
        }
        var noCopy = volume.Bool("nocopy") ?? false;
        return m => m with { NoCopy = noCopy };
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
