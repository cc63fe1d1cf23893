using System.Globalization;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Yaml;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Compose;

/// <summary>When and how the container starts, restarts and is judged healthy.</summary>
internal sealed partial class ServiceReader
{
    private ValueMap<Dependency> ReadDependsOn()
    {
        var node = _map["depends_on"];
        if (node is null || YamlMap.IsNull(node))
        {
            return ValueMap<Dependency>.Empty;
        }
        var dependencies = new Dictionary<string, Dependency>(StringComparer.Ordinal);
        if (node is YamlSequenceNode)
        {
            foreach (var (target, position) in _map.StringList("depends_on") ?? [])
            {
                dependencies[target] = new Dependency(DependencyCondition.ServiceStarted);
                _references.Add(new ServiceReference(_name, target, "depends_on", true, position));
            }
            return ValueMap.From(dependencies);
        }
        var map = _context.Map(node, $"'depends_on' of {What}");
        foreach (var (target, keyNode, value) in map?.Entries ?? [])
        {
            var what = $"dependency '{target}' of {What}";
            var entry = _context.Map(value, what);
            if (entry is null)
            {
                continue;
            }
            ComposeKeys.Check(entry, what, ComposeKeys.DependsOn);
            var dependency = new Dependency(ReadCondition(entry), entry.Bool("restart") ?? false, entry.Bool("required") ?? true);
            dependencies[target] = dependency;
            _references.Add(new ServiceReference(_name, target, "depends_on", dependency.Required, _context.At(keyNode)));
        }
        return ValueMap.From(dependencies);
    }

    private DependencyCondition ReadCondition(YamlMap entry)
    {
        var condition = entry.String("condition");
        switch (condition)
        {
            case null or "service_started":
                return DependencyCondition.ServiceStarted;
            case "service_healthy":
                return DependencyCondition.ServiceHealthy;
            case "service_completed_successfully":
                return DependencyCondition.ServiceCompletedSuccessfully;
            default:
                _context.Error(entry["condition"]!, $"invalid condition '{condition}'; expected service_started, service_healthy or service_completed_successfully");
                return DependencyCondition.ServiceStarted;
        }
    }

    private HealthcheckSpec? ReadHealthcheck()
    {
        var node = _map["healthcheck"];
        if (node is null)
        {
            return null;
        }
        var what = $"'healthcheck' of {What}";
        var map = _context.Map(node, what);
        if (map is null)
        {
            return null;
        }
        ComposeKeys.Check(map, what, ComposeKeys.Healthcheck, path: "healthcheck.");
        if (map.Bool("disable") == true)
        {
            return new HealthcheckSpec(ValueList.Of("NONE"));
        }
        return new HealthcheckSpec(
            ReadHealthTest(map),
            ReadDuration(map, "interval"),
            ReadDuration(map, "timeout"),
            (int?)map.Integer("retries", 0, int.MaxValue),
            ReadDuration(map, "start_period"),
            ReadDuration(map, "start_interval"));
    }

    /// <summary>A string runs through the shell (<c>CMD-SHELL</c>); a list must name its form first, as the engine expects.</summary>
    private ValueList<string> ReadHealthTest(YamlMap map)
    {
        var node = map["test"];
        if (node is null || YamlMap.IsNull(node))
        {
            return ValueList<string>.Empty;
        }
        if (node is YamlScalarNode { Value: { } command })
        {
            return ValueList.Of("CMD-SHELL", command);
        }
        var items = map.StringList("test");
        if (items is null)
        {
            return ValueList<string>.Empty;
        }
        if (items.Count == 0 || items[0].Value is not ("CMD" or "CMD-SHELL" or "NONE"))
        {
            _context.Error(node, "invalid healthcheck test; expected a string, or a list starting with CMD, CMD-SHELL or NONE");
        }
        return ValueList.From(items.Select(i => i.Value));
    }

    /// <param name="deployRestart">The policy from <c>deploy.restart_policy</c>, used when <c>restart:</c> is absent.</param>
    private string ReadRestart(string? deployRestart)
    {
        var restart = _map.String("restart");
        if (restart is null)
        {
            return deployRestart ?? "no";
        }
        if (deployRestart is not null && deployRestart != restart)
        {
            _context.Diagnostics.Error(_map.KeyPosition("restart"), $"{What} sets 'restart: {restart}' and a deploy.restart_policy that means '{deployRestart}'; set only one of them");
        }
        var valid = restart is "no" or "always" or "on-failure" or "unless-stopped"
            || (restart.StartsWith("on-failure:", StringComparison.Ordinal)
                && int.TryParse(restart["on-failure:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out _));
        if (!valid)
        {
            _context.Error(_map["restart"]!, $"invalid restart policy '{restart}'; expected no, always, on-failure[:max-retries] or unless-stopped");
            return "no";
        }
        return restart;
    }

    private PullPolicy ReadPullPolicy()
    {
        var policy = _map.String("pull_policy");
        switch (policy)
        {
            case null or "missing" or "if_not_present":
                return PullPolicy.Missing;
            case "always":
                return PullPolicy.Always;
            case "never":
                return PullPolicy.Never;
            case "build" or "daily" or "weekly" or "refresh":
            case not null when policy.StartsWith("every_", StringComparison.Ordinal):
                _context.Error(_map["pull_policy"]!, $"unsupported: pull_policy: {policy}");
                return PullPolicy.Missing;
            default:
                _context.Error(_map["pull_policy"]!, $"invalid pull_policy '{policy}'; expected always, missing, never or if_not_present");
                return PullPolicy.Missing;
        }
    }
}
