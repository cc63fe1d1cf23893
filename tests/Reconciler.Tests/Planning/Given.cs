using System.Security.Cryptography;
using System.Text;
using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Models;
using GitOps.Reconciler.Secrets;

namespace GitOps.Reconciler.Tests.Planning;

/// <summary>Small builders for desired state, and for the actual state a faithful deploy of it leaves behind.</summary>
internal static class Given
{
    public const string Host = "host-1";
    public const string WebV1 = "127.0.0.1:5000/demo/web:v1";
    public const string WebV2 = "127.0.0.1:5000/demo/web:v2";

    public static ServiceSpec Service(string name, string image = WebV1) => new()
    {
        Name = name,
        Image = image,
        Networks = ValueMap<NetworkAttachment>.Empty.With("default", NetworkAttachment.Plain),
    };

    public static ServiceSpec DependsOn(this ServiceSpec service, string other, DependencyCondition condition = DependencyCondition.ServiceStarted) =>
        service with { DependsOn = service.DependsOn.With(other, new Dependency(condition)) };

    public static ServiceSpec WithEnv(this ServiceSpec service, string key, string value) =>
        service with { Environment = service.Environment.With(key, value) };

    public static DesiredStack Stack(string name, params ServiceSpec[] services) => new(
        new StackSpec(
            name,
            "/srv/repo/stacks/" + name,
            ValueMap.From(services.Select(s => KeyValuePair.Create(s.Name, s))),
            ValueMap<NetworkSpec>.Empty.With("default", NetworkSpec.Default(name)),
            ValueMap<VolumeSpec>.Empty),
        StackPolicy.Default);

    public static DesiredStack WithVolume(this DesiredStack stack, string key) => stack with
    {
        Compose = stack.Compose with
        {
            Volumes = stack.Compose.Volumes.With(key, new VolumeSpec(key, stack.Compose.Name + "_" + key, "local", false, ValueMap<string>.Empty, ValueMap<string>.Empty)),
        },
    };

    public static DesiredStack WithNetwork(this DesiredStack stack, NetworkSpec network) =>
        stack with { Compose = stack.Compose with { Networks = stack.Compose.Networks.With(network.Key, network) } };

    public static DesiredStack WithService(this DesiredStack stack, ServiceSpec service) =>
        stack with { Compose = stack.Compose with { Services = stack.Compose.Services.With(service.Name, service) } };

    public static DesiredStack Suspended(this DesiredStack stack) => stack with { Policy = stack.Policy with { Suspended = true } };

    public static DesiredState Desired(params DesiredStack[] stacks) => new(
        Host,
        ValueList.Of("web"),
        ValueMap.From(stacks.Select(s => KeyValuePair.Create(s.Compose.Name, s))),
        ValueMap<TaskSpec>.Empty,
        ValueMap<ModelSpec>.Empty,
        FleetPolicy.Default);

    /// <summary>What the engine shows after deploying <paramref name="desired"/>: matching hash labels, no inspects.</summary>
    public static ActualState Deployed(DesiredState desired)
    {
        var stacks = desired.Stacks.Values.Select(s => Deployed(s.Compose)).ToList();
        var images = desired.Stacks.Values.SelectMany(s => s.Compose.Services.Values)
            .Select(s => s.Image).Distinct()
            .Select(image => KeyValuePair.Create(image, Image(image)));
        return new ActualState(ValueMap.From(stacks.Select(s => KeyValuePair.Create(s.Name, s))), ValueMap.From(images));
    }

    public static ActualStack Deployed(StackSpec stack) => new(
        stack.Name,
        ValueList.From(stack.Services.Values.SelectMany(s => Enumerable.Range(1, s.Replicas).Select(n => Container(stack.Name, s, n)))),
        ValueMap.From(stack.Networks.Values.Where(n => !n.External)
            .Select(n => KeyValuePair.Create(n.Key, new ActualNetwork(n.Key, "net-" + n.EngineName, n.EngineName, n)))),
        ValueMap.From(stack.Volumes.Values.Where(v => !v.External)
            .Select(v => KeyValuePair.Create(v.Key, new ActualVolume(v.Key, v.EngineName, v)))));

    public static ActualContainer Container(string stack, ServiceSpec spec, int number = 1) => new(
        $"id-{stack}-{spec.Name}-{number}",
        $"{stack}-{spec.Name}-{number}",
        spec.Name,
        number,
        spec.Image,
        ImageId(spec.Image),
        ServiceSpecHash.Of(spec, ConfigHashKey.Unkeyed),
        Running: true,
        ContainerHealth.None,
        Spec: null);

    public static ImageInfo Image(string reference) =>
        new(reference, ImageId(reference), ValueList.Of(Repository(reference) + "@" + Digest(reference)));

    public static string ImageId(string reference) => "sha256:" + Sha(reference + "#id");

    public static string Digest(string reference) => "sha256:" + Sha(reference + "#digest");

    private static string Repository(string reference) => reference[..reference.LastIndexOf(':')];

    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
