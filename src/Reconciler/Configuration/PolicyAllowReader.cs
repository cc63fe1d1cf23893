using GitOps.Reconciler.Common;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Policy;
using GitOps.Reconciler.Yaml;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Configuration;

/// <summary>Reads <c>policy.allow</c>: a list of exceptions, each naming one stack or one task and what it may do.</summary>
internal static class PolicyAllowReader
{
    private static readonly string[] Flags =
        ["privileged", "hostNetwork", "hostPid", "hostIpc", "hostUts", "unconfined", "devices", "dockerSocket", "runAsRoot", "writableRootFs", "containerNamespaces"];

    private static readonly string[] Keys = ["stack", "task", "capabilities", "sysctls", "bindMounts", .. Flags];

    public static ValueList<PolicyException> Read(YamlNode node, string file, DiagnosticBag diagnostics)
    {
        if (YamlMap.IsNull(node))
        {
            return ValueList<PolicyException>.Empty;
        }
        if (node is not YamlSequenceNode list)
        {
            diagnostics.Error(node.At(file), $"expected a list for 'policy.allow', such as [{{stack: traefik, dockerSocket: true}}], found {node.Describe()}");
            return ValueList<PolicyException>.Empty;
        }
        var exceptions = new List<PolicyException>();
        foreach (var item in list.Children)
        {
            if (ReadOne(item, file, diagnostics) is { } exception)
            {
                exceptions.Add(exception);
            }
        }
        return ValueList.From(exceptions);
    }

    private static PolicyException? ReadOne(YamlNode item, string file, DiagnosticBag diagnostics)
    {
        var map = YamlMap.Of(item, file, diagnostics, "an entry of 'policy.allow'");
        if (map is null)
        {
            return null;
        }
        map.RejectUnknownKeys("an entry of 'policy.allow'", Keys);
        var (stack, task) = (map.String("stack"), map.String("task"));
        if ((stack is null) == (task is null))
        {
            diagnostics.Error(map.Position, "an entry of 'policy.allow' names exactly one 'stack' or one 'task'");
            return null;
        }
        var bindMounts = map.StringList("bindMounts") ?? [];
        foreach (var (path, at) in bindMounts.Where(b => !b.Value.StartsWith('/')))
        {
            diagnostics.Error(at, $"bindMounts entry '{path}' must be an absolute host directory");
        }
        bool Flag(string key) => map.Bool(key) ?? false;
        return new PolicyException(stack, task)
        {
            Privileged = Flag("privileged"),
            HostNetwork = Flag("hostNetwork"),
            HostPid = Flag("hostPid"),
            HostIpc = Flag("hostIpc"),
            HostUts = Flag("hostUts"),
            Unconfined = Flag("unconfined"),
            Devices = Flag("devices"),
            DockerSocket = Flag("dockerSocket"),
            RunAsRoot = Flag("runAsRoot"),
            WritableRootFs = Flag("writableRootFs"),
            ContainerNamespaces = Flag("containerNamespaces"),
            Sysctls = ValueList.From((map.StringList("sysctls", allowScalar: true) ?? []).Select(c => c.Value)),
            Capabilities = ValueList.From((map.StringList("capabilities", allowScalar: true) ?? []).Select(c => c.Value)),
            BindMounts = ValueList.From(bindMounts.Select(b => b.Value)),
        };
    }
}
