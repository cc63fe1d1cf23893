using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Policy;

/// <summary>
/// Checks a host's desired state against its <see cref="HostPolicy"/>. Pure: every refusal is an error at the line
/// that asks for it, naming the key, the profile and the agent.yaml setting that would allow it. A revision with
/// any refusal is stalled for the host as a whole, so nothing of it is applied.
/// </summary>
public static class HostPolicyCheck
{
    public static void Check(DesiredState desired, HostPolicy policy, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (policy.Profile == PolicyProfile.Privileged)
        {
            return;
        }
        foreach (var (stack, desiredStack) in desired.Stacks)
        {
            var spec = desiredStack.Compose;
            var positions = spec.Positions ?? SettingPositions.None(stack);
            foreach (var service in spec.Services.Values)
            {
                var judge = new PolicyJudge(policy, PolicyOwner.OfService(stack, service.Name), positions, diagnostics);
                ServiceRules.Check(service, spec, judge);
            }
        }
        foreach (var (name, task) in desired.Tasks)
        {
            var positions = desired.TaskPositions.TryGetValue(name, out var at) ? at : SettingPositions.None("tasks/" + name + ".yaml");
            var judge = new PolicyJudge(policy, PolicyOwner.OfTask(name), positions, diagnostics);
            foreach (var mount in task.Mounts.Where(m => m.Type == MountType.Bind))
            {
                BindRules.Check(mount.Source, mount.Target, stackDirectory: null, judge);
            }
            if (task.Exec is null && policy.Profile == PolicyProfile.Restricted && !judge.Allowed(e => e.RunAsRoot) && UserRule.IsRoot(task.User))
            {
                judge.Refuse("user", UserRule.Describe(task.User), "runAsRoot: true");
            }
        }
    }
}
