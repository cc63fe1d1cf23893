namespace GitOps.Reconciler.Policy;

/// <summary>What a setting belongs to: a service of a stack, or a task. Exceptions are granted by stack or by task.</summary>
internal sealed record PolicyOwner(string? Stack, string? Service, string? Task)
{
    public static PolicyOwner OfService(string stack, string service) => new(stack, service, null);

    public static PolicyOwner OfTask(string task) => new(null, null, task);

    /// <summary>The key of its settings' positions (see Compose.SettingPositions).</summary>
    public string PositionKey => Service ?? Task!;

    /// <summary>The <c>policy.allow</c> entry's selector, as written in agent.yaml.</summary>
    public string Selector => Stack is not null ? "stack: " + Stack : "task: " + Task;

    public override string ToString() => Stack is not null ? $"service '{Service}' of stack '{Stack}'" : $"task '{Task}'";
}
