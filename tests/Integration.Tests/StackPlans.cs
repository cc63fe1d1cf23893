using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Secrets;

namespace GitOps.Integration.Tests;

/// <summary>Builds the plans the planner would, so executor tests do not depend on it.</summary>
internal static class StackPlans
{
    public static ServiceSpec Web(string tag, string name = "web") => new()
    {
        Name = name,
        Image = EngineFixture.Image("web:" + tag),
        Networks = ValueMap.From([KeyValuePair.Create("default", NetworkAttachment.Plain)]),
        Healthcheck = HttpHealthcheck,
        // busybox httpd as PID 1 ignores SIGTERM: without this every stop waits the default 10s for SIGKILL.
        StopGracePeriod = TimeSpan.FromSeconds(1),
    };

    public static HealthcheckSpec HttpHealthcheck { get; } = new(
        ValueList.Of("CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/healthz"),
        Interval: TimeSpan.FromSeconds(1),
        Timeout: TimeSpan.FromSeconds(2),
        Retries: 2);

    public static StackSpec Stack(string project, string workingDir, params ServiceSpec[] services)
    {
        var networks = services.SelectMany(s => s.Networks.Keys).Distinct()
            .Select(key => key == "default"
                ? NetworkSpec.Default(project)
                : new NetworkSpec(key, project + "_" + key, "bridge", false, false, ValueMap<string>.Empty, ValueMap<string>.Empty));
        var volumes = services.SelectMany(s => s.Mounts).Where(m => m.Type == MountType.Volume && m.Source.Length > 0)
            .Select(m => m.Source).Distinct()
            .Select(key => new VolumeSpec(key, project + "_" + key, "local", false, ValueMap<string>.Empty, ValueMap<string>.Empty));
        return new StackSpec(
            project,
            workingDir,
            ValueMap.From(services.Select(s => KeyValuePair.Create(s.Name, s))),
            ValueMap.From(networks.Select(n => KeyValuePair.Create(n.Key, n))),
            ValueMap.From(volumes.Select(v => KeyValuePair.Create(v.Key, v))));
    }

    /// <summary>First deploy: networks, volumes, then services in the order given.</summary>
    public static StackPlan Deploy(StackSpec stack, params string[] order)
    {
        var changes = new List<ResourceChange>();
        changes.AddRange(stack.Networks.Values.Select(n => new NetworkChange(stack.Name, n.Key, ChangeAction.Create, ValueList<FieldChange>.Empty, "new", n, null)));
        changes.AddRange(stack.Volumes.Values.Select(v => new VolumeChange(stack.Name, v.Key, ChangeAction.Create, ValueList<FieldChange>.Empty, "new", v, null)));
        foreach (var name in order.Length > 0 ? order : stack.Services.Keys)
        {
            var spec = stack.Services[name];
            changes.Add(new ServiceChange(stack.Name, name, ChangeAction.Create, ValueList<FieldChange>.Empty, "new", spec, ServiceSpecHash.Of(spec, ConfigHashKey.Unkeyed), ValueList<ActualContainer>.Empty));
        }
        return new StackPlan(stack.Name, StackAction.Converge, new DesiredStack(stack, StackPolicy.Default), ValueList.From(changes));
    }

    /// <summary>Services named in <paramref name="replaced"/> are replaced; the others are NoOp.</summary>
    public static StackPlan Replace(StackSpec stack, ActualStack actual, params string[] replaced)
    {
        var changes = stack.Services.Values.Select(spec => (ResourceChange)new ServiceChange(
            stack.Name,
            spec.Name,
            replaced.Contains(spec.Name) ? ChangeAction.Replace : ChangeAction.NoOp,
            ValueList<FieldChange>.Empty,
            replaced.Contains(spec.Name) ? "spec changed" : "up to date",
            spec,
            ServiceSpecHash.Of(spec, ConfigHashKey.Unkeyed),
            ValueList.From(actual.Containers.Where(c => c.Service == spec.Name))));
        return new StackPlan(stack.Name, StackAction.Converge, new DesiredStack(stack, StackPolicy.Default), ValueList.From(changes));
    }

    /// <summary>Tear the stack down: containers, then networks; volumes only when asked.</summary>
    public static StackPlan Teardown(ActualStack actual, bool removeVolumes)
    {
        var changes = new List<ResourceChange>();
        changes.AddRange(actual.Containers.GroupBy(c => c.Service).Select(g => new ServiceChange(
            actual.Name, g.Key, ChangeAction.Delete, ValueList<FieldChange>.Empty, "stack no longer targeted", null, null, ValueList.From(g))));
        changes.AddRange(actual.Networks.Values.Select(n => new NetworkChange(actual.Name, n.Key, ChangeAction.Delete, ValueList<FieldChange>.Empty, "stack no longer targeted", null, n)));
        if (removeVolumes)
        {
            changes.AddRange(actual.Volumes.Values.Select(v => new VolumeChange(actual.Name, v.Key, ChangeAction.Delete, ValueList<FieldChange>.Empty, "stack no longer targeted", null, v)));
        }
        return new StackPlan(actual.Name, StackAction.Teardown, null, ValueList.From(changes));
    }
}
