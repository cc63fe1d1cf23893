using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Desired;

/// <summary>
/// Checks what a task names on the host: the stack and service an <c>exec</c> task runs in, the stack network a task
/// joins. Only known per host, because which stacks a host runs depends on its targets.
/// </summary>
public static class TaskReferences
{
    public static bool Check(TaskDefinition task, IReadOnlyList<KeyValuePair<string, DesiredStack>> stacks, string host, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(stacks);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var ok = true;
        var file = task.File;
        if (task.Settings.Exec is { } exec)
        {
            var at = task.ExecAt ?? SourcePosition.StartOf(file);
            var stack = stacks.FirstOrDefault(s => s.Key == exec.Stack).Value;
            if (stack is null)
            {
                diagnostics.Error(at, $"task '{task.Name}' runs in stack '{exec.Stack}', which host '{host}' does not run");
                ok = false;
            }
            else if (!stack.Compose.Services.ContainsKey(exec.Service))
            {
                diagnostics.Error(at, $"task '{task.Name}' runs in service '{exec.Service}', which stack '{exec.Stack}' does not have");
                ok = false;
            }
        }
        if (task.Settings.Network is { } network)
        {
            var known = stacks.SelectMany(s => s.Value.Compose.Networks.Values.Select(n => n.EngineName)).ToHashSet(StringComparer.Ordinal);
            if (!known.Contains(network))
            {
                diagnostics.Error(task.NetworkAt ?? SourcePosition.StartOf(file),
                    $"task '{task.Name}' joins network '{network}', which no stack on host '{host}' has; expected one of {(known.Count == 0 ? "(none)" : string.Join(", ", known.Order(StringComparer.Ordinal)))}");
                ok = false;
            }
        }
        return ok;
    }
}
