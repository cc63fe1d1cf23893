using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Tests.Desired;

/// <summary>
/// Stands in for the compose loader: one service 'app' whose image is the IMAGE variable and whose environment
/// is every variable the loader was given, so tests can see the merged variables and active profiles.
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
        return new StackSpec(
            source.ProjectName,
            source.Repo.FullPath(source.StackDirectory),
            new ValueMap<ServiceSpec>([KeyValuePair.Create("app", service)]),
            ValueMap<NetworkSpec>.Empty,
            ValueMap<VolumeSpec>.Empty);
    }
}
