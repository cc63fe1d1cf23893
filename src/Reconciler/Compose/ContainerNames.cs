namespace GitOps.Reconciler.Compose;

/// <summary>Compose's naming of a service's containers, which the agent keeps so <c>docker compose -p</c> finds them.</summary>
public static class ContainerNames
{
    /// <summary>Compose's container name: <c>&lt;project&gt;-&lt;service&gt;-&lt;n&gt;</c>.</summary>
    public static string Default(string project, string service, int number) => $"{project}-{service}-{number}";
}
