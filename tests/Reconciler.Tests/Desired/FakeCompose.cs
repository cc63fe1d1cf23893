using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Tests.Desired;

/// <summary>
/// Stands in for the compose loader: one service 'app' whose image is the IMAGE variable and whose environment
/// is every variable the loader was given, so tests can see the merged variables and active profiles; plus a bare
/// service for each name under the compose file's <c>services:</c>, so what names a service (an exec task) resolves.
/// </summary>
public static class FakeCompose
{
    public static StackSpec? Load(ComposeSource source, DiagnosticBag diagnostics)
    {
        var environment = new ValueMap<string>(source.Variables);
        var service = new ServiceSpec
        {
            Name = "app",
            Image = source.Variables.GetValueOrDefault("IMAGE", "busybox"),
            Environment = environment,
            Labels = new ValueMap<string>(source.ActiveProfiles.Select(p => KeyValuePair.Create("profile." + p, "on"))),
        };
        var services = new List<KeyValuePair<string, ServiceSpec>> { KeyValuePair.Create("app", service) };
        var file = source.Repo.FullPath(source.ComposeFile);
        if (File.Exists(file))
        {
            var stream = new YamlDotNet.RepresentationModel.YamlStream();
            stream.Load(new StringReader(File.ReadAllText(file)));
            if (stream.Documents.FirstOrDefault()?.RootNode is YamlDotNet.RepresentationModel.YamlMappingNode root
                && root.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("services"), out var node)
                && node is YamlDotNet.RepresentationModel.YamlMappingNode declared)
            {
                services.AddRange(declared.Children.Keys.OfType<YamlDotNet.RepresentationModel.YamlScalarNode>()
                    .Select(k => k.Value!).Where(n => n != "app")
                    .Select(n => KeyValuePair.Create(n, new ServiceSpec { Name = n, Image = "busybox" })));
            }
        }
        return new StackSpec(
            source.ProjectName,
            source.Repo.FullPath(source.StackDirectory),
            new ValueMap<ServiceSpec>(services),
            ValueMap<NetworkSpec>.Empty,
            ValueMap<VolumeSpec>.Empty);
    }
}
