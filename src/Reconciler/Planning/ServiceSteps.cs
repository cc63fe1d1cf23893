using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;

namespace GitOps.Reconciler.Planning;

/// <summary>
/// The decisions about a service change that the executor used to make while applying it, made here from the plan's
/// own values (Terraform's rule: the plan is what gets applied). Pure: <see cref="ServiceChange"/> exposes each as a
/// property, so a plan shows them and the executor only carries them out.
/// </summary>
public static class ServiceSteps
{
    /// <summary>
    /// Per container: Delete removes every one. Replace creates <c>replicas</c> new containers numbered from 1, each
    /// beside the old container of its number (of two, the one under the service's own name) and removes the rest.
    /// Create and Update keep the lowest-numbered <c>replicas</c> containers (starting those that are stopped), add new
    /// ones numbered after the highest kept, and remove the rest. NoOp keeps every container as it is.
    /// </summary>
    public static ValueList<ContainerStep> Containers(ServiceChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var existing = change.Existing.OrderBy(c => c.Number).ToList();
        if (change.Action == ChangeAction.Delete || change.Desired is null)
        {
            return ValueList.From(existing.Select(c => Remove(c)));
        }
        var spec = change.Desired;
        string NameOf(int number) => ExpectedName(change.Stack, spec, number);
        // Of two containers with one number (an interrupted replace), the one under the service's own name is the old one.
        var byPreference = existing.OrderBy(c => c.Number).ThenBy(c => c.Name == NameOf(c.Number) ? 0 : 1).ToList();
        var steps = new List<ContainerStep>();
        switch (change.Action)
        {
            case ChangeAction.NoOp:
                return ValueList.From(existing.Select(c => new ContainerStep(ContainerAction.Keep, c.Number, c.Name, c)));
            case ChangeAction.Replace:
                var hash = ConfigHash(change);
                for (var number = 1; number <= spec.Replicas; number++)
                {
                    var name = NameOf(number);
                    var old = byPreference.FirstOrDefault(c => c.Number == number);
                    steps.Add(old is null
                        ? new ContainerStep(ContainerAction.Create, number, name, null)
                        : new ContainerStep(ContainerAction.Replace, number, name, old) { CreateAs = name + "_" + hash[..Math.Min(12, hash.Length)] });
                }
                break;
            default:
                var kept = byPreference.Take(spec.Replicas).ToList();
                steps.AddRange(kept.Select(c => new ContainerStep(c.Running ? ContainerAction.Keep : ContainerAction.Start, c.Number, NameOf(c.Number), c)
                {
                    Reconnect = Reconnect(spec, c),
                }));
                var next = kept.Count == 0 ? 0 : kept.Max(c => c.Number);
                while (steps.Count < spec.Replicas)
                {
                    next++;
                    steps.Add(new ContainerStep(ContainerAction.Create, next, NameOf(next), null));
                }
                break;
        }
        steps.AddRange(existing.Where(c => !steps.Any(s => s.Existing?.Id == c.Id)).Select(c => Remove(c)));
        return ValueList.From(steps);
    }

    /// <summary>The config hash the new containers are labelled with; every change that runs a spec carries it.</summary>
    public static string ConfigHash(ServiceChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.DesiredConfigHash ?? throw new InvalidOperationException(
            $"the plan's change of {change.Stack}/{change.Name} runs a spec without its config hash");
    }

    /// <summary>A one-shot service without a healthcheck passes its gate by exiting 0; one with a healthcheck must be healthy.</summary>
    public static ServiceGate GateOf(ServiceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Healthcheck is { Disabled: false })
        {
            return ServiceGate.Healthy;
        }
        return spec.Restart == "no" || spec.Restart.StartsWith("on-failure", StringComparison.Ordinal)
            ? ServiceGate.RunningOrCompleted
            : ServiceGate.Running;
    }

    /// <summary>
    /// What the service waits for from each service it depends on before it starts: only that its containers run for
    /// <c>service_started</c> (compose's meaning of the short form), its gate passed for the other conditions and for a
    /// shared <c>network_mode</c>, <c>pid</c> or <c>ipc</c> namespace of <c>service:x</c>, which joins the dependency's final
    /// container.
    /// </summary>
    public static ValueMap<DependencyWait> StartsAfter(ServiceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var waits = new Dictionary<string, DependencyWait>(StringComparer.Ordinal);
        foreach (var (service, dependency) in spec.DependsOn)
        {
            waits[service] = dependency.Condition == DependencyCondition.ServiceStarted ? DependencyWait.Started : DependencyWait.Passed;
        }
        const string Shared = "service:";
        foreach (var mode in new[] { spec.NetworkMode, spec.Pid, spec.Ipc })
        {
            if (mode is not null && mode.StartsWith(Shared, StringComparison.Ordinal))
            {
                waits[mode[Shared.Length..]] = DependencyWait.Passed;
            }
        }
        waits.Remove(spec.Name);
        return ValueMap.From(waits);
    }

    /// <summary>
    /// A replace needs a device preflight when the new spec asks for device requests or a runtime that a running old
    /// container does not already have: nothing running is stopped for a request the engine has not served yet.
    /// </summary>
    public static bool NeedsPreflight(ServiceChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Action != ChangeAction.Replace || change.Desired is not { } spec || (spec.DeviceRequests is not { Count: > 0 } && spec.Runtime is null))
        {
            return false;
        }
        return change.Existing.Any(c => c.Running && (c.Spec is null
            || !Equals(c.Spec.DeviceRequests, spec.DeviceRequests) || !string.Equals(c.Spec.Runtime, spec.Runtime, StringComparison.Ordinal)));
    }

    /// <summary>
    /// The order of a replace: what the spec asks (<c>deploy.update_config.order</c>, stop-first by default), except
    /// that a service two copies of which cannot run side by side (<see cref="ServiceCopies.Conflict"/>: a fixed host
    /// port, a <c>container_name</c>, a shared network namespace) is always replaced stop-first, with the reason. Null
    /// for a change that replaces nothing.
    /// </summary>
    public static ReplaceOrder? OrderOf(ServiceChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Action != ChangeAction.Replace || change.Desired is not { } spec)
        {
            return null;
        }
        if (spec.UpdateOrder == UpdateOrder.StopFirst)
        {
            return ReplaceOrder.StopFirst;
        }
        return ServiceCopies.Conflict(spec) is { } conflict
            ? ReplaceOrder.StopFirst with { Reason = $"start-first asked, but {conflict}: two copies never run at once" }
            : ReplaceOrder.StartFirst;
    }

    /// <summary>
    /// The config hash to hold when the new containers fail their gate: only a spec that fails its own gate, never the
    /// last good one (recorded after it passed its gate, or run by the service's containers before this apply), unless
    /// it was held already. Null when a failure holds nothing (it is retried with backoff).
    /// </summary>
    public static string? HoldOnFailure(ServiceChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Desired is null || change.DesiredConfigHash is not { } hash)
        {
            return null;
        }
        return change.HeldConfigHash == hash || (change.LastGoodConfigHash != hash && change.Existing.All(c => c.ConfigHash != hash)) ? hash : null;
    }

    /// <summary>
    /// After a held service's containers are started again: the hold stays when a kept container runs another spec
    /// than the held one (the previous spec, brought back by the rollback). Null when nothing stays held.
    /// </summary>
    public static string? KeepHold(ServiceChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.HeldConfigHash is { } held
            && Containers(change).Any(s => s.Action is ContainerAction.Keep or ContainerAction.Start && s.Existing!.ConfigHash != held)
            ? held
            : null;
    }

    /// <summary>The name a container of the service has: <c>container_name</c>, else compose's <c>&lt;project&gt;-&lt;service&gt;-&lt;n&gt;</c>.</summary>
    public static string ExpectedName(string project, ServiceSpec desired, int number)
    {
        ArgumentNullException.ThrowIfNull(desired);
        return desired.ContainerName ?? Engine.ContainerContext.DefaultName(project, desired.Name, number);
    }

    /// <summary>
    /// The name an old container of a start-first replace takes once its replacement passed and took its name: it is only
    /// being stopped and removed (<see cref="StackPlan.Retiring"/>), never part of its service again.
    /// </summary>
    public static string RetiringName(string name, string id)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(id);
        return $"{name}{RetiringMark}{id[..Math.Min(12, id.Length)]}";
    }

    /// <summary>Whether a container is an old one of a start-first replace on its way out (see <see cref="RetiringName"/>).</summary>
    public static bool IsRetiring(ActualContainer container)
    {
        ArgumentNullException.ThrowIfNull(container);
        var mark = container.Name.LastIndexOf(RetiringMark, StringComparison.Ordinal);
        return mark > 0 && container.Name.Length - mark - RetiringMark.Length == 12
            && container.Name[(mark + RetiringMark.Length)..].All(char.IsAsciiHexDigitLower);
    }

    private const string RetiringMark = "_retiring_";

    private static ContainerStep Remove(ActualContainer container) =>
        new(ContainerAction.Remove, container.Number, container.Name, container);

    /// <summary>An inspected container's networks of the service that it is not on (none under a <c>network_mode</c>).</summary>
    private static ValueList<string> Reconnect(ServiceSpec spec, ActualContainer container) =>
        spec.NetworkMode is not null || container.Spec is null
            ? ValueList<string>.Empty
            : ValueList.From(spec.Networks.Keys.Where(k => !container.Spec.Networks.ContainsKey(k)).Order(StringComparer.Ordinal));
}
