using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Compose;

/// <summary>Reads the top-level <c>networks:</c> section into <see cref="ComposeContext.Networks"/>.</summary>
internal static class NetworkDefinitionReader
{
    public static void Read(ComposeContext context, YamlNode? node)
    {
        var networks = context.Map(node, "'networks'");
        if (networks is null)
        {
            return;
        }
        foreach (var (key, _, value) in networks.Entries)
        {
            var what = $"network '{key}'";
            var map = context.Map(value, what);
            if (map is null)
            {
                continue;
            }
            ComposeKeys.Check(map, what, ComposeKeys.Network, ComposeKeys.NetworkUnsupported, allowExtensions: true);
            var external = map.Bool("external") ?? false;
            if (external)
            {
                ExternalDefinition.RejectSettings(context, map, what);
            }
            var name = map.String("name");
            context.Networks[key] = new NetworkSpec(
                key,
                name ?? (external ? key : $"{context.Project}_{key}"),
                map.String("driver") ?? "bridge",
                external,
                map.Bool("internal") ?? false,
                KeyValueReader.ReadMap(context, map["labels"], $"the labels of {what}"),
                KeyValueReader.ReadMap(context, map["driver_opts"], $"the driver_opts of {what}", allowList: false))
            {
                Ipam = IpamReader.Read(context, map["ipam"], what),
            };
        }
    }
}
