using System.Text;

namespace GitOps.Daemon.Rendering;

/// <summary>
/// A section of the drift table below the stacks, for a kind with one line per resource (tasks, models): the name and
/// status in aligned columns, what else the kind shows, a note in parentheses, then the resource's detail lines.
/// </summary>
internal sealed record DriftKindSection<T>(
    string Title, Func<T, string> Name, Func<T, string> Status, Func<T, string> Columns, Func<T, string?> Note, Func<T, IEnumerable<string>> Details)
{
    public void Render(StringBuilder text, IReadOnlyList<T> items)
    {
        if (items.Count == 0)
        {
            return;
        }
        text.Append('\n').Append(Title).Append('\n');
        var nameWidth = items.Max(i => Name(i).Length);
        var statusWidth = items.Max(i => Status(i).Length);
        foreach (var item in items)
        {
            text.Append("  ").Append(Name(item).PadRight(nameWidth)).Append("  ").Append(Status(item).PadRight(statusWidth)).Append(Columns(item));
            if (Note(item) is { } note)
            {
                text.Append("  (").Append(note).Append(')');
            }
            text.Append('\n');
            foreach (var detail in Details(item))
            {
                text.Append("      ").Append(detail).Append('\n');
            }
        }
    }
}
