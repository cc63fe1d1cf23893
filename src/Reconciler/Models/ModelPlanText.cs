using System.Text;

namespace GitOps.Reconciler.Models;

/// <summary>The models part of <c>plan</c>'s text: one line per model that changes, held or refused.</summary>
public static class ModelPlanText
{
    public static string Render(ModelPlan? plan)
    {
        var text = new StringBuilder();
        foreach (var change in plan?.Changes.Where(c => c.Action != ModelAction.NoOp) ?? [])
        {
            text.Append("model ").Append(change.Spec.Name).Append(": ").Append(Word(change.Action));
            if (change.Fields.Count > 0)
            {
                text.Append(": ").Append(string.Join("; ", change.Fields));
            }
            if (change.Downloads.Count > 0)
            {
                text.Append("; ").Append(change.Downloads.Count).Append(change.Downloads.Count == 1 ? " file" : " files").Append(" to download (")
                    .Append(string.Join(", ", change.Downloads.Select(f => f.Name))).Append(')');
            }
            else if (change.HasChanges)
            {
                text.Append("; nothing to download (from the store)");
            }
            if (change.Reason is not null)
            {
                text.Append(" (").Append(change.Reason).Append(')');
            }
            text.AppendLine();
        }
        return text.ToString();
    }

    private static string Word(ModelAction action) => action switch
    {
        ModelAction.Create => "install",
        ModelAction.Update => "switch",
        ModelAction.Heal => "heal",
        ModelAction.Held => "held",
        ModelAction.Refused => "refused",
        _ => "no change",
    };
}
