using System.Text;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reporting;

namespace GitOps.Daemon.Rendering;

/// <summary>
/// A plan for people, in the manner of a Terraform plan: per section of every kind (a stack, the tasks)
/// a header, per resource a symbol, kind, name, action and reason, then its <c>field: want X, have Y</c>
/// lines; the ordering edges between kinds that matter to this plan; and a summary line.
/// Resources that are simply up to date are counted, not listed. Sensitive environment values are
/// masked and long values shortened.
/// </summary>
public static class PlanText
{
    public const int MaxValueLength = FieldValueText.MaxLength;

    public static string Render(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var text = new StringBuilder();
        text.Append("Plan for host ").Append(plan.Host).Append('\n');
        if (plan.Stacks.Count == 0)
        {
            text.Append("\nNo stacks on this host and none targeted at it.\n");
        }
        foreach (var section in plan.Kinds.SelectMany(k => k.Sections))
        {
            text.Append('\n');
            SectionLines(text, section);
        }
        if (ModelDownloads(plan) is { } downloads)
        {
            text.Append('\n').Append(downloads).Append('\n');
        }
        EdgeLines(text, plan);
        foreach (var refusal in plan.Refusals)
        {
            text.Append("\nREFUSED: ").Append(refusal).Append('\n');
        }
        if (plan.Refusals.Count > 0)
        {
            text.Append("Nothing is applied while a refusal stands.\n");
        }
        text.Append('\n').Append(plan.HasChanges ? "Plan: " : "No changes. ").Append(PlanSummary.Of(plan)).Append(".\n");
        return text.ToString();
    }

    /// <summary>What the models of the plan download in all (<c>models: 2 files, 412.0 MB to download</c>); null when nothing.</summary>
    public static string? ModelDownloads(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Kinds.OfType<GitOps.Reconciler.Models.ModelPlan>().FirstOrDefault()?.DownloadSummary;
    }

    /// <summary>Masked if sensitive, then cut to <see cref="MaxValueLength"/> characters keeping both ends.</summary>
    public static string ShowValue(string field, string? value) => FieldValueText.Show(field, value);

    private static void SectionLines(StringBuilder text, PlanSection section)
    {
        text.Append(section.Title).Append(": ").Append(StackHeader(section.Action)).Append('\n');
        var quiet = 0;
        foreach (var change in section.Changes)
        {
            if (IsQuiet(change))
            {
                quiet++;
                continue;
            }
            text.Append("  ").Append(Symbol(change.Action)).Append(' ')
                .Append(Kind(change.Kind)).Append(' ').Append(change.Stack.Length == 0 ? "" : change.Stack + "/").Append(change.Name).Append(": ")
                .Append(ActionWord(change.Action)).Append(" (").Append(change.Reason).Append(")\n");
            foreach (var field in change.Fields)
            {
                text.Append("      ").Append(FieldValueText.Line(field.Field, field.Desired, field.Actual)).Append('\n');
            }
            if (change is ServiceChange service && ContainerLine(service) is { } containers)
            {
                text.Append("      containers: ").Append(containers).Append('\n');
            }
            if (change is ServiceChange replaced && OrderLine(replaced) is { } order)
            {
                text.Append("      order: ").Append(order).Append('\n');
            }
        }
        if (quiet > 0)
        {
            text.Append("  ").Append(quiet).Append(quiet == 1 ? " resource" : " resources").Append(" up to date\n");
        }
    }

    /// <summary>
    /// For a service with replicas, what happens to each container, the changes first:
    /// <c>remove demo-web-3, demo-web-2; keep demo-web-1</c>. Null for a single container or a change that keeps all.
    /// </summary>
    public static string? ContainerLine(ServiceChange service)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (service.Action == ChangeAction.NoOp || (service.Existing.Count <= 1 && (service.Desired?.Replicas ?? 0) <= 1))
        {
            return null;
        }
        ContainerAction[] order = [ContainerAction.Replace, ContainerAction.Create, ContainerAction.Start, ContainerAction.Remove, ContainerAction.Keep];
        var steps = service.Containers;
        var parts = order
            .Select(action => (Action: action, Steps: steps.Where(s => s.Action == action)
                .OrderBy(s => action == ContainerAction.Remove ? -s.Number : s.Number).ToList()))
            .Where(group => group.Steps.Count > 0)
            .Select(group => group.Action.ToString().ToLowerInvariant() + " " + string.Join(", ", group.Steps.Select(Shown)));
        return string.Join("; ", parts);
    }

    /// <summary>
    /// For a replace of a service that asks for start-first, the order it gets: <c>start-first</c>, or <c>stop-first</c>
    /// with the reason. Null otherwise (stop-first is the default and goes without saying).
    /// </summary>
    public static string? OrderLine(ServiceChange service)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (service.Order is not { } order || service.Desired?.UpdateOrder != Reconciler.Compose.UpdateOrder.StartFirst)
        {
            return null;
        }
        return order.Reason is null ? order.Name : $"{order.Name} ({order.Reason})";
    }

    private static string Shown(ContainerStep step) =>
        step.Rename ? step.Name + " (renamed from " + step.Existing!.Name + ")" : step.Shown;

    /// <summary>The edges one of whose ends changes: why a kind waits for another in this plan.</summary>
    internal static List<PlanEdge> EdgesShown(Plan plan)
    {
        var changing = plan.Kinds.SelectMany(k => k.Sections).Where(s => s.Applied).SelectMany(s => s.Changes)
            .Where(c => c.Action != ChangeAction.NoOp).Select(c => new ResourceRef(c.Kind, c.Stack, c.Name)).ToHashSet();
        return [.. plan.Edges.Where(e => changing.Contains(e.Before) || changing.Contains(e.After))];
    }

    private static void EdgeLines(StringBuilder text, Plan plan)
    {
        var edges = EdgesShown(plan);
        if (edges.Count == 0)
        {
            return;
        }
        text.Append("\norder:\n");
        foreach (var edge in edges)
        {
            text.Append("  ").Append(edge).Append('\n');
        }
    }

    internal static bool IsQuiet(ResourceChange change) =>
        change.Action == ChangeAction.NoOp && change.Fields.Count == 0
        && change.Reason is PlanReasons.UpToDate or PlanReasons.Completed;

    internal static string StackHeader(StackAction action) => action switch
    {
        StackAction.Converge => "converge",
        StackAction.Teardown => "teardown (no longer targeted at this host)",
        _ => "SUSPENDED (nothing is applied; changes shown for information)",
    };

    internal static string Symbol(ChangeAction action) => action switch
    {
        ChangeAction.Create => "+",
        ChangeAction.Update => "~",
        ChangeAction.Replace => "-/+",
        ChangeAction.Delete => "-",
        _ => "=",
    };

    internal static string ActionWord(ChangeAction action) => action == ChangeAction.NoOp ? "no change" : action.ToString().ToLowerInvariant();

    internal static string Kind(ResourceKind kind) => kind == ResourceKind.Container ? "service" : kind.ToString().ToLowerInvariant();
}
