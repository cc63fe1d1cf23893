using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Desired;

/// <summary>Per host: every consumer of a model names a service of a stack this host runs.</summary>
public static class ModelConsumers
{
    public static bool Check(ModelDefinition model, IReadOnlyList<KeyValuePair<string, DesiredStack>> stacks, string host, DiagnosticBag diagnostics)
    {
        var ok = true;
        for (var i = 0; i < model.Spec.Consumers.Count; i++)
        {
            var consumer = model.Spec.Consumers[i];
            var stackName = consumer[..consumer.IndexOf('/', StringComparison.Ordinal)];
            var service = consumer[(stackName.Length + 1)..];
            var stack = stacks.FirstOrDefault(s => s.Key == stackName).Value;
            if (stack is null)
            {
                diagnostics.Error(model.ConsumersAt[i], $"consumer '{consumer}' of model '{model.Spec.Name}': stack '{stackName}' does not run on host '{host}'");
                ok = false;
            }
            else if (!stack.Compose.Services.ContainsKey(service))
            {
                diagnostics.Error(model.ConsumersAt[i], $"consumer '{consumer}' of model '{model.Spec.Name}': stack '{stackName}' has no service '{service}'; expected one of: {string.Join(", ", stack.Compose.Services.Keys)}");
                ok = false;
            }
        }
        return ok;
    }
}
