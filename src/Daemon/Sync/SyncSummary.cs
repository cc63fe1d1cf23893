using GitOps.Daemon.Rendering;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Reconciliation;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace GitOps.Daemon.Sync;

/// <summary>The table a sync ends with: every resource that was acted on, its outcome and why.</summary>
public static class SyncSummary
{
    public static void Write(ReconcileResult result, TextWriter output, bool colour)
    {
        ArgumentNullException.ThrowIfNull(result);
        var console = Terminal.Create(output, colour);
        var table = new Table().Border(colour ? TableBorder.Rounded : TableBorder.Ascii)
            .AddColumn("stack").AddColumn("resource").AddColumn("kind").AddColumn("outcome").AddColumn("detail");
        foreach (var stack in result.Applied?.Stacks ?? ValueList<StackApplyResult>.Empty)
        {
            foreach (var resource in stack.Resources)
            {
                table.AddRow(
                    new Text(stack.Stack), new Text(resource.Name), new Text(resource.Kind.ToString().ToLowerInvariant()),
                    Outcome(resource.Status), new Text(resource.Reason));
            }
        }
        if (table.Rows.Count > 0)
        {
            console.Write(table);
        }
        console.MarkupLineInterpolated($"[bold]{result.Status}[/] for host {result.Host} in {result.Duration.TotalSeconds:0.0}s");
        if (result.Error is not null)
        {
            console.WriteLine(result.Error);
        }
    }

    private static IRenderable Outcome(ApplyStatus status) => status switch
    {
        ApplyStatus.Applied => new Markup("[green]applied[/]"),
        ApplyStatus.RolledBack => new Markup("[yellow]rolled back[/]"),
        ApplyStatus.Failed => new Markup("[red]failed[/]"),
        _ => new Text("unchanged"),
    };
}
