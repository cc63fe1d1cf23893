namespace GitOps.Reconciler.Planning;

/// <summary>A service that reads a model (the model's <c>consumers:</c>): the stacks kind needs <c>model:&lt;name&gt;</c> for it.</summary>
public sealed record ModelConsumer(string Model, string Stack, string Service);
