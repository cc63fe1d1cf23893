using System.Globalization;
using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Stacks;

/// <summary>
/// The action for one desired service, from its existing containers (in this order of precedence):
/// held after a rollback (NoOp, unless its containers are down), no containers (Create) or none wanted (scale to zero), spec, network or image differs (Replace),
/// stopped or wrong count (Update), otherwise NoOp.
/// </summary>
internal static class ServicePlanner
{
    /// <param name="recreated">Services of the stack planned so far (dependencies first) that get new containers.</param>
    public static ServiceChange Plan(StackFacts facts, ServiceSpec desired, IEnumerable<ActualContainer> containers, IReadOnlySet<string> recreated)
    {
        var hash = ServiceSpecHash.Of(desired, facts.Context.HashKey);
        var existing = ValueList.From(containers.OrderBy(c => c.Number));
        var lastGood = facts.Context.LastGood.TryGetValue(facts.Stack + "/" + desired.Name, out var good) ? good : null;
        ServiceChange Change(ChangeAction action, IEnumerable<FieldChange> fields, string reason) =>
            new(facts.Stack, desired.Name, action, ValueList.From(fields), reason, desired, hash, existing) { LastGoodConfigHash = lastGood };

        var replacement = existing.Count == 0 ? null : Replacement(facts, desired, hash, existing, recreated);
        if (facts.Context.RolledBack.TryGetValue(facts.Stack + "/" + desired.Name, out var held) && held == hash)
        {
            return Held(facts, desired, existing, replacement, Change) with { HeldConfigHash = held };
        }
        if (desired.Replicas == 0 || existing.Count == 0)
        {
            return Scaled(desired, existing, Change);
        }
        if (replacement is not null && OnlyDetached(facts, desired, hash, existing))
        {
            // The container is right but left a network by hand: reconnecting heals it without replacing it.
            var restarts = facts.SelfHeal ? Stopped(facts, desired, existing) : [];
            return Change(ChangeAction.Update, [.. replacement.Fields, .. restarts], PlanReasons.NetworkDetached);
        }
        if (replacement is not null)
        {
            return Change(ChangeAction.Replace, replacement.Fields, replacement.Reason);
        }
        var stopped = Stopped(facts, desired, existing);
        var update = Update(facts.SelfHeal ? stopped : [], desired, existing, Misnamed(facts.Stack, desired, existing));
        if (update is not null)
        {
            return Change(ChangeAction.Update, update.Fields, update.Reason);
        }
        return stopped.Count > 0
            ? Change(ChangeAction.NoOp, stopped, PlanReasons.SelfHealOff)
            : Change(
                ChangeAction.NoOp,
                [],
                existing.Any(c => c.CrashLoop is not null) ? PlanReasons.CrashLooping
                    : existing.Any(c => !c.Running) ? PlanReasons.Completed
                    : PlanReasons.UpToDate);
    }

    /// <summary>
    /// A spec that failed its health gate is not tried again until the repo changes it (or <c>retry</c>), but a held service
    /// is never left down: containers that do not run are started (whatever spec they run), a service without any is created.
    /// </summary>
    private static ServiceChange Held(
        StackFacts facts, ServiceSpec desired, IReadOnlyList<ActualContainer> existing, Verdict? replacement,
        Func<ChangeAction, IEnumerable<FieldChange>, string, ServiceChange> change)
    {
        if (desired.Replicas > 0 && existing.Count == 0)
        {
            return change(ChangeAction.Create, CreateFields(desired), PlanReasons.HeldMissing);
        }
        var stopped = Stopped(facts, desired, existing);
        if (stopped.Count > 0 && facts.SelfHeal)
        {
            return change(ChangeAction.Update, stopped, PlanReasons.HeldNotRunning);
        }
        return change(ChangeAction.NoOp, [.. replacement?.Fields ?? [], .. stopped], PlanReasons.RolledBack);
    }

    /// <summary>Nothing to compare with: containers come (Create) or go (scaled to zero), or nothing is to run at all.</summary>
    private static ServiceChange Scaled(ServiceSpec desired, IReadOnlyList<ActualContainer> existing, Func<ChangeAction, IEnumerable<FieldChange>, string, ServiceChange> change)
    {
        if (desired.Replicas > 0)
        {
            return change(ChangeAction.Create, CreateFields(desired), PlanReasons.NotDeployed);
        }
        return existing.Count == 0
            ? change(ChangeAction.NoOp, [], PlanReasons.UpToDate)
            : change(ChangeAction.Update, [new FieldChange("replicas", "0", Count(existing.Count))], PlanReasons.ScaleDown);
    }

    private static IEnumerable<FieldChange> CreateFields(ServiceSpec desired)
    {
        yield return new FieldChange("image", desired.Image, null);
        if (desired.Replicas != 1)
        {
            yield return new FieldChange("replicas", Count(desired.Replicas), null);
        }
    }

    private static Verdict? Replacement(
        StackFacts facts, ServiceSpec desired, string hash, IReadOnlyList<ActualContainer> existing, IReadOnlySet<string> recreated)
    {
        var verdict = new Verdict();
        foreach (var container in existing)
        {
            // An inspected spec is what really runs: it wins over a label that may have been copied by hand.
            if (container.ConfigHash != hash || container.ImageReference != desired.Image
                || (container.Spec is not null && ServiceDiff.Between(desired, container.Spec).Count > 0))
            {
                verdict.Add(SpecFields(desired, hash, container), PlanReasons.ConfigChanged);
            }
        }
        foreach (var key in desired.Networks.Keys.Where(facts.RecreatedNetworks.ContainsKey))
        {
            verdict.Add([new FieldChange("networks." + key, "recreated", facts.RecreatedNetworks[key])], $"network {key} is recreated");
        }
        foreach (var (field, host) in DependencyOrder.SharedNamespaces(desired).Where(n => recreated.Contains(n.Service)))
        {
            var mode = "service:" + host;
            verdict.Add(
                [new FieldChange(field, mode + " (recreated)", mode)],
                field == "network_mode" ? $"shares the network of {host}, which is recreated" : $"shares the {field} namespace of {host}, which is recreated");
        }
        if (!verdict.Found)
        {
            foreach (var stale in existing.Select(c => ImageFreshness.Check(desired, c, facts.Images)).OfType<StaleImage>())
            {
                verdict.Add([stale.Field], stale.Reason);
            }
        }
        return verdict.Found ? verdict : null;
    }

    /// <summary>
    /// True when every container is built from the desired spec (label, image and inspected fields) except that some
    /// inspected ones are missing from networks the service should be on, and nothing else forces a replace (a network
    /// that is itself recreated takes its containers with it, as before).
    /// </summary>
    private static bool OnlyDetached(StackFacts facts, ServiceSpec desired, string hash, IReadOnlyList<ActualContainer> existing)
    {
        if (desired.NetworkMode is not null || desired.Networks.Keys.Any(facts.RecreatedNetworks.ContainsKey))
        {
            return false;
        }
        var detached = false;
        foreach (var container in existing)
        {
            if (container.ConfigHash != hash || container.ImageReference != desired.Image)
            {
                return false;
            }
            if (container.Spec is null)
            {
                continue;
            }
            foreach (var field in ServiceDiff.Between(desired, container.Spec))
            {
                var key = field.Field.StartsWith("networks.", StringComparison.Ordinal) ? field.Field["networks.".Length..] : null;
                if (key is null || key.Contains('.', StringComparison.Ordinal) || !desired.Networks.ContainsKey(key) || container.Spec.Networks.ContainsKey(key))
                {
                    return false;
                }
                detached = true;
            }
        }
        return detached;
    }

    /// <summary>
    /// The fields that differ from a container built from another spec: field by field when the probe
    /// inspected it, otherwise what the container list shows (the image reference, else the config hash).
    /// </summary>
    private static IEnumerable<FieldChange> SpecFields(ServiceSpec desired, string hash, ActualContainer container)
    {
        var fields = container.Spec is null ? [] : ServiceDiff.Between(desired, container.Spec).ToList();
        if (fields.Count == 0 && container.ImageReference != desired.Image)
        {
            fields.Add(new FieldChange("image", desired.Image, container.ImageReference));
        }
        if (fields.Count == 0)
        {
            fields.Add(new FieldChange("config-hash", FieldValue.ShortId(hash), FieldValue.ShortId(container.ConfigHash)));
        }
        return fields;
    }

    /// <summary>
    /// A <c>state</c> field per container that should run but does not; a one-shot awaited by others that exited 0 is done.
    /// A crash-looping container is the engine's to restart (its restart policy does): starting it too would only fail
    /// the pass and hide the loop behind "failed".
    /// </summary>
    private static List<FieldChange> Stopped(StackFacts facts, ServiceSpec desired, IReadOnlyList<ActualContainer> existing) =>
        existing
            .Where(c => !c.Running && c.CrashLoop is null && !(c.ExitCode == 0 && facts.AwaitedToComplete.Contains(desired.Name)))
            .Select(c => new FieldChange(
                existing.Count == 1 ? "state" : $"state[{c.Number}]",
                "running",
                c.ExitCode is { } code ? $"exited ({code})" : "exited"))
            .ToList();

    /// <summary>
    /// A <c>name</c> field per container not under its own name: a kill between "remove old" and "rename new" of a replace
    /// leaves the new container under its temporary name (<c>&lt;project&gt;-&lt;service&gt;-1_&lt;hash&gt;</c>), which is never in sync.
    /// </summary>
    private static List<FieldChange> Misnamed(string project, ServiceSpec desired, IReadOnlyList<ActualContainer> existing) =>
        existing
            .Where(c => c.Name != ExpectedName(project, desired, c.Number)
                && !existing.Any(other => other.Number == c.Number && other.Name == ExpectedName(project, desired, c.Number)))
            .Select(c => new FieldChange(existing.Count == 1 ? "name" : $"name[{c.Number}]", ExpectedName(project, desired, c.Number), c.Name))
            .ToList();

    private static string ExpectedName(string project, ServiceSpec desired, int number) => ServiceSteps.ExpectedName(project, desired, number);

    private static Verdict? Update(IReadOnlyList<FieldChange> restarts, ServiceSpec desired, IReadOnlyList<ActualContainer> existing, IReadOnlyList<FieldChange> renames)
    {
        var verdict = new Verdict();
        if (renames.Count > 0)
        {
            verdict.Add(renames, PlanReasons.TemporaryName);
        }
        if (restarts.Count > 0)
        {
            verdict.Add(restarts, PlanReasons.NotRunning);
        }
        if (existing.Count != desired.Replicas)
        {
            verdict.Add(
                [new FieldChange("replicas", Count(desired.Replicas), Count(existing.Count))],
                existing.Count < desired.Replicas ? PlanReasons.ScaleUp : PlanReasons.ScaleDown);
        }
        return verdict.Found ? verdict : null;
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Fields gathered from every container (each field once) and the first reason found.</summary>
    private sealed class Verdict
    {
        private readonly List<FieldChange> _fields = [];

        public IReadOnlyList<FieldChange> Fields => _fields;

        private string? _reason;

        public bool Found => _reason is not null;

        public string Reason => _reason ?? PlanReasons.UpToDate;

        public void Add(IEnumerable<FieldChange> fields, string reason)
        {
            _fields.AddRange(fields.Where(f => _fields.All(known => known.Field != f.Field)));
            _reason ??= reason;
        }
    }
}
