using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reporting;
using Spectre.Console;

namespace GitOps.Daemon.Rendering;

/// <summary>
/// A plan for a person at a terminal: per section of every kind (a stack, the tasks) a Spectre table of its changes (coloured symbol, kind, name, action,
/// reason, field changes), up-to-date resources counted as in <see cref="PlanText"/>, then the summary. A pipe gets
/// <see cref="PlanText"/>.
/// </summary>
public static class PlanConsole
{
    public static void Write(Plan plan, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(console);
        console.Write(new Text("Plan for host " + plan.Host + "\n", new Style(decoration: Decoration.Bold)));
        if (plan.Stacks.Count == 0)
        {
            console.WriteLine("No stacks on this host and none targeted at it.");
        }
        foreach (var section in plan.Kinds.SelectMany(k => k.Sections))
        {
            var shown = section.Changes.Where(c => !PlanText.IsQuiet(c)).ToList();
            var table = new Table().Border(TableBorder.Rounded)
                .Title(new TableTitle(section.Title + ": " + PlanText.StackHeader(section.Action)))
                .AddColumn("").AddColumn("kind").AddColumn("name").AddColumn("action").AddColumn("reason").AddColumn("changes");
            foreach (var change in shown)
            {
                table.AddRow(
                    new Text(PlanText.Symbol(change.Action), new Style(ColourOf(change.Action), decoration: Decoration.Bold)),
                    new Text(PlanText.Kind(change.Kind)), new Text(change.Name),
                    new Text(PlanText.ActionWord(change.Action), new Style(ColourOf(change.Action))),
                    new Text(change.Reason),
                    new Text(string.Join('\n', Details(change))));
            }
            var quiet = section.Changes.Count - shown.Count;
            if (quiet > 0)
            {
                table.Caption(new TableTitle(quiet + (quiet == 1 ? " resource" : " resources") + " up to date"));
            }
            if (shown.Count > 0)
            {
                console.Write(table);
            }
            else
            {
                console.WriteLine($"{section.Title}: {PlanText.StackHeader(section.Action)}; {quiet} up to date");
            }
        }
        if (PlanText.ModelDownloads(plan) is { } downloads)
        {
            console.WriteLine(downloads);
        }
        var edges = PlanText.EdgesShown(plan);
        if (edges.Count > 0)
        {
            console.WriteLine("order:");
            foreach (var edge in edges)
            {
                console.WriteLine("  " + edge);
            }
        }
        foreach (var refusal in plan.Refusals)
        {
            console.Write(new Text("REFUSED: " + refusal + "\n", new Style(Color.Maroon, decoration: Decoration.Bold)));
        }
        if (plan.Refusals.Count > 0)
        {
            console.WriteLine("Nothing is applied while a refusal stands.");
        }
        console.Write(new Text((plan.HasChanges ? "Plan: " : "No changes. ") + PlanSummary.Of(plan) + ".\n", new Style(decoration: Decoration.Bold)));
    }

    /// <summary>Field changes, then for a service with replicas what happens to each container, then a start-first replace's order.</summary>
    private static IEnumerable<string> Details(ResourceChange change)
    {
        foreach (var f in change.Fields)
        {
            yield return FieldValueText.Line(f.Field, f.Desired, f.Actual);
        }
        if (change is ServiceChange service && PlanText.ContainerLine(service) is { } containers)
        {
            yield return "containers: " + containers;
        }
        if (change is ServiceChange replaced && PlanText.OrderLine(replaced) is { } order)
        {
            yield return "order: " + order;
        }
    }

    private static Color ColourOf(ChangeAction action) => action switch
    {
        ChangeAction.Create => Color.Green,
        ChangeAction.Update => Color.Olive,
        ChangeAction.Replace => Color.Purple,
        ChangeAction.Delete => Color.Maroon,
        _ => Color.Grey,
    };
}
