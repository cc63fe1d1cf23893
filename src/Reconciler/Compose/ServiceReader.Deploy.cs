using System.Globalization;
using GitOps.Reconciler.Yaml;

namespace GitOps.Reconciler.Compose;

/// <summary>
/// The <c>deploy:</c> section. A single engine acts on replicas, resource limits, the restart policy and the update
/// order; what only a swarm acts on is accepted with a warning naming the key, as compose does.
/// </summary>
internal sealed partial class ServiceReader
{
    private DeploySettings ReadDeploy()
    {
        var deploy = _map["deploy"] is { } node ? _context.Map(node, $"'deploy' of {What}") : null;
        if (deploy is null)
        {
            return DeploySettings.None;
        }
        ComposeKeys.Check(deploy, $"'deploy' of {What}", [.. ComposeKeys.Deploy, .. ComposeKeys.DeploySwarmOnly], ComposeKeys.DeployUnsupported, "deploy.");
        foreach (var key in ComposeKeys.DeploySwarmOnly.Where(deploy.Has))
        {
            _context.Diagnostics.Warning(deploy.KeyPosition(key), $"deploy.{key} of {What} has no effect on a single engine (swarm only); ignored");
        }
        var (order, orderAt) = ReadUpdateConfig(deploy);
        var resources = deploy["resources"] is { } r ? _context.Map(r, $"'deploy.resources' of {What}") : null;
        if (resources is not null)
        {
            ComposeKeys.Check(resources, $"'deploy.resources' of {What}", ComposeKeys.Resources, path: "deploy.resources.");
        }
        return new DeploySettings(
            (int?)deploy.Integer("replicas", 0, 10_000),
            ReadDeployLimits(resources),
            ReadRestartPolicy(deploy),
            ReadReservedDevices(resources),
            order,
            orderAt);
    }

    /// <summary>
    /// <c>order</c> is acted on; the other keys pace a swarm's rolling update across tasks and are accepted with a
    /// warning (the replicas of a service are replaced one after the other, and a failed one rolls them all back).
    /// </summary>
    private (UpdateOrder Order, Diagnostics.SourcePosition? At) ReadUpdateConfig(YamlMap deploy)
    {
        var map = deploy["update_config"] is { } node ? _context.Map(node, $"'deploy.update_config' of {What}") : null;
        if (map is null)
        {
            return (UpdateOrder.StopFirst, null);
        }
        ComposeKeys.Check(map, $"'deploy.update_config' of {What}", ComposeKeys.UpdateConfig);
        foreach (var key in ComposeKeys.UpdateConfig.Where(k => k != "order" && map.Has(k)))
        {
            _context.Diagnostics.Warning(map.KeyPosition(key), $"deploy.update_config.{key} of {What} has no effect on a single engine (only order is acted on); ignored");
        }
        switch (map.String("order"))
        {
            case null or "stop-first":
                return (UpdateOrder.StopFirst, null);
            case "start-first":
                return (UpdateOrder.StartFirst, map.KeyPosition("order"));
            case var order:
                _context.Error(map["order"]!, $"invalid deploy.update_config.order '{order}'; expected start-first or stop-first");
                return (UpdateOrder.StopFirst, null);
        }
    }

    /// <summary>Start-first asked where two copies cannot run side by side: the service is replaced stop-first, and says so.</summary>
    private void WarnUnhonouredOrder(ServiceSpec spec, Diagnostics.SourcePosition? orderAt)
    {
        if (orderAt is { } at && spec.UpdateOrder == UpdateOrder.StartFirst && ServiceCopies.Conflict(spec) is { } conflict)
        {
            _context.Diagnostics.Warning(at, $"deploy.update_config.order start-first of {What} is not honoured: {conflict}; its containers are replaced stop-first");
        }
    }

    private ResourceLimits ReadDeployLimits(YamlMap? resources)
    {
        var limits = resources?["limits"] is { } l ? _context.Map(l, $"'deploy.resources.limits' of {What}") : null;
        if (limits is null)
        {
            return ResourceLimits.None;
        }
        ComposeKeys.Check(limits, $"'deploy.resources.limits' of {What}", ComposeKeys.Limits, ComposeKeys.LimitsUnsupported, "deploy.resources.limits.");
        return new ResourceLimits(ReadCpus(limits, "cpus"), ReadSize(limits, "memory"), limits.Integer("pids", -1));
    }

    /// <summary>
    /// <c>deploy.restart_policy</c> as the engine's restart policy, the way compose maps it: <c>any</c> (the default)
    /// is <c>always</c>, <c>none</c> is <c>no</c>, <c>on-failure</c> keeps <c>max_attempts</c> as its retry count.
    /// </summary>
    private string? ReadRestartPolicy(YamlMap deploy)
    {
        var what = $"'deploy.restart_policy' of {What}";
        var map = deploy["restart_policy"] is { } node ? _context.Map(node, what) : null;
        if (map is null)
        {
            return null;
        }
        ComposeKeys.Check(map, what, ComposeKeys.RestartPolicy, path: "deploy.restart_policy.");
        foreach (var key in new[] { "delay", "window" }.Where(map.Has))
        {
            _context.Diagnostics.Warning(map.KeyPosition(key), $"deploy.restart_policy.{key} of {What} has no effect on a single engine (the engine's own back-off applies); ignored");
        }
        var attempts = map.Integer("max_attempts", 0, int.MaxValue);
        var condition = map.String("condition") ?? "any";
        string? policy = condition switch
        {
            "any" => "always",
            "none" => "no",
            "unless-stopped" => "unless-stopped",
            "on-failure" => attempts is > 0 ? "on-failure:" + attempts.Value.ToString(CultureInfo.InvariantCulture) : "on-failure",
            _ => null,
        };
        if (policy is null)
        {
            _context.Error(map["condition"]!, $"invalid deploy.restart_policy.condition '{condition}'; expected none, on-failure or any");
            return null;
        }
        if (attempts is > 0 && condition != "on-failure")
        {
            // The engine refuses a retry count with any other policy.
            _context.Diagnostics.Error(map.KeyPosition("max_attempts"), $"deploy.restart_policy.max_attempts of {What} applies only to condition on-failure");
        }
        return policy;
    }
}
