using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Compose;

/// <summary>Reads the top-level <c>volumes:</c> section into <see cref="ComposeContext.Volumes"/>.</summary>
internal static class VolumeDefinitionReader
{
    public static void Read(ComposeContext context, YamlNode? node)
    {
        var volumes = context.Map(node, "'volumes'");
        if (volumes is null)
        {
            return;
        }
        foreach (var (key, _, value) in volumes.Entries)
        {
            var what = $"volume '{key}'";
            var map = context.Map(value, what);
            if (map is null)
            {
                continue;
            }
            ComposeKeys.Check(map, what, ComposeKeys.Volume, allowExtensions: true);
            var external = map.Bool("external") ?? false;
            if (external)
            {
                ExternalDefinition.RejectSettings(context, map, what);
            }
            var name = map.String("name");
            context.Volumes[key] = new VolumeSpec(
                key,
                name ?? (external ? key : $"{context.Project}_{key}"),
                map.String("driver") ?? "local",
                external,
                KeyValueReader.ReadMap(context, map["labels"], $"the labels of {what}"),
                KeyValueReader.ReadMap(context, map["driver_opts"], $"the driver_opts of {what}", allowList: false));
        }
    }
}
