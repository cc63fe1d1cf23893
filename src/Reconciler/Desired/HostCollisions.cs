using System.Net;
using System.Net.Sockets;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Desired;

/// <summary>
/// What the stacks of one host must not share, known before anything runs: a compose project name (the stacks would
/// manage each other's containers), a container name, and a host port on overlapping addresses with the same
/// protocol (the engine would refuse the second container, after the first was already replaced). Each clash is
/// reported at the later claim, naming the earlier one and the host.
/// </summary>
public static class HostCollisions
{
    public static void Check(string host, IReadOnlyList<(string Stack, StackSpec Spec)> stacks, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(stacks);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var claimed = stacks.Where(s => s.Spec.Claims is not null).Select(s => (s.Stack, s.Spec, Claims: s.Spec.Claims!)).ToList();
        CheckProjects(host, claimed, diagnostics);
        CheckContainerNames(host, claimed, diagnostics);
        CheckPorts(host, claimed, diagnostics);
    }

    private static void CheckProjects(string host, List<(string Stack, StackSpec Spec, StackClaims Claims)> stacks, DiagnosticBag diagnostics)
    {
        foreach (var group in stacks.GroupBy(s => s.Spec.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var first = group.First();
            foreach (var other in group.Skip(1))
            {
                diagnostics.Error(other.Claims.ProjectName,
                    $"stack '{other.Stack}' has the compose project name '{group.Key}', as stack '{first.Stack}' has ({first.Claims.ProjectName}) on host '{host}'; each stack needs its own project name, or they would manage each other's containers");
            }
        }
    }

    private static void CheckContainerNames(string host, List<(string Stack, StackSpec Spec, StackClaims Claims)> stacks, DiagnosticBag diagnostics)
    {
        var seen = new Dictionary<string, (string Stack, ContainerNameClaim Claim)>(StringComparer.Ordinal);
        foreach (var (stack, _, claims) in stacks)
        {
            foreach (var claim in claims.ContainerNames)
            {
                if (seen.TryGetValue(claim.Name, out var first))
                {
                    diagnostics.Error(claim.Position,
                        $"container name '{claim.Name}' of service '{claim.Service}' in stack '{stack}' is also the name of service '{first.Claim.Service}' in stack '{first.Stack}' ({first.Claim.Position}) on host '{host}'; container names must be unique on a host");
                    continue;
                }
                seen[claim.Name] = (stack, claim);
            }
        }
    }

    private static void CheckPorts(string host, List<(string Stack, StackSpec Spec, StackClaims Claims)> stacks, DiagnosticBag diagnostics)
    {
        var seen = new List<(string Stack, PortClaim Claim)>();
        foreach (var (stack, _, claims) in stacks)
        {
            foreach (var claim in claims.Ports)
            {
                var binding = claim.Binding;
                if (claim.Replicas > 1)
                {
                    diagnostics.Error(claim.Position,
                        $"service '{claim.Service}' in stack '{stack}' runs {claim.Replicas} replicas and publishes host port {Describe(binding)}; only one container can bind it, so leave the host port out (an ephemeral port each) or run one replica");
                }
                if (seen.Exists(s => s.Stack == stack && s.Claim.Service == claim.Service && s.Claim.Binding == binding))
                {
                    continue; // The same mapping written twice is published once.
                }
                var clash = seen.FirstOrDefault(s => Overlap(s.Claim.Binding, binding));
                if (clash.Claim is not null)
                {
                    diagnostics.Error(claim.Position,
                        $"host port {Describe(binding)} of service '{claim.Service}' in stack '{stack}' is already published by service '{clash.Claim.Service}' in stack '{clash.Stack}' as {Describe(clash.Claim.Binding)} ({clash.Claim.Position}) on host '{host}'");
                    continue;
                }
                seen.Add((stack, claim));
            }
        }
    }

    private static string Describe(PortBinding binding) =>
        $"{(binding.HostIp.Length == 0 ? "" : binding.HostIp.Contains(':', StringComparison.Ordinal) ? $"[{binding.HostIp}]:" : binding.HostIp + ":")}{binding.HostPort}/{binding.Protocol}";

    /// <summary>Same port and protocol on addresses that share a socket: equal, or one of them all addresses of the other's family.</summary>
    private static bool Overlap(PortBinding a, PortBinding b) =>
        a.HostPort == b.HostPort && a.Protocol == b.Protocol && AddressesOverlap(a.HostIp, b.HostIp);

    private static bool AddressesOverlap(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return true;
        }
        if (!IPAddress.TryParse(a, out var x) || !IPAddress.TryParse(b, out var y))
        {
            return a == b;
        }
        if (x.Equals(y))
        {
            return true;
        }
        return x.AddressFamily == y.AddressFamily && (IsAny(x) || IsAny(y));
    }

    private static bool IsAny(IPAddress address) =>
        address.Equals(address.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any);
}
