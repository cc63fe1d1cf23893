using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Repository;
using GitOps.Reconciler.Secrets;

namespace GitOps.Bench.PlanBench;

/// <summary>
/// A config repository of single-service stacks written to a temporary directory (the same compose file as
/// bench/converge-20-stacks.sh), and the actual state a host in sync with it shows to a full drift read: every
/// container inspected, its spec equal to the desired one, so the diff compares every field.
/// </summary>
internal sealed class InSyncRepo : IDisposable
{
    public const string Host = "plan-bench";

    public InSyncRepo(int stacks)
    {
        Root = Directory.CreateTempSubdirectory("plan-bench-").FullName;
        File.WriteAllText(Path.Combine(Root, "inventory.yaml"), $"hosts:\n  {Host}: {{}}\n");
        for (var i = 1; i <= stacks; i++)
        {
            var dir = Directory.CreateDirectory(Path.Combine(Root, "stacks", $"s{i:000}")).FullName;
            File.WriteAllText(Path.Combine(dir, "stack.yaml"), $"targets: [{Host}]\n");
            File.WriteAllText(Path.Combine(dir, "compose.yaml"),
                $"services:\n  web:\n    image: 127.0.0.1:5000/demo/web:v1\n    restart: unless-stopped\n    environment:\n      STACK: \"s{i}\"\n");
        }
        var desired = Load() ?? throw new InvalidOperationException("the generated repository does not load");
        Actual = Deployed(desired);
    }

    public string Root { get; }

    public ActualState Actual { get; }

    /// <summary>Load desired: read and validate the whole repository for the host, as <c>plan</c> does.</summary>
    public DesiredState? Load()
    {
        var diagnostics = new DiagnosticBag();
        return new DesiredStateLoader { HashKey = ConfigHashKey.Unkeyed }.Load(new RepoDirectory(Root), Host, diagnostics);
    }

    private static ActualState Deployed(DesiredState desired)
    {
        var stacks = desired.Stacks.Values.Select(s => s.Compose).Select(stack => new ActualStack(
            stack.Name,
            ValueList.From(stack.Services.Values.SelectMany(s => Enumerable.Range(1, s.Replicas).Select(n => new ActualContainer(
                $"id-{stack.Name}-{s.Name}-{n}", $"{stack.Name}-{s.Name}-{n}", s.Name, n, s.Image, ImageId, ServiceSpecHash.Of(s, ConfigHashKey.Unkeyed),
                Running: true, ContainerHealth.None, Spec: s)))),
            ValueMap.From(stack.Networks.Values.Where(n => !n.External)
                .Select(n => KeyValuePair.Create(n.Key, new ActualNetwork(n.Key, "net-" + n.EngineName, n.EngineName, n)))),
            ValueMap.From(stack.Volumes.Values.Where(v => !v.External)
                .Select(v => KeyValuePair.Create(v.Key, new ActualVolume(v.Key, v.EngineName, v))))));
        var images = desired.Stacks.Values.SelectMany(s => s.Compose.Services.Values).Select(s => s.Image).Distinct()
            .Select(image => KeyValuePair.Create(image, new ImageInfo(image, ImageId, ValueList.Of(image[..image.LastIndexOf(':')] + "@sha256:" + new string('d', 64)))));
        return new ActualState(ValueMap.From(stacks.Select(s => KeyValuePair.Create(s.Name, s))), ValueMap.From(images));
    }

    private static readonly string ImageId = "sha256:" + new string('1', 64);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
