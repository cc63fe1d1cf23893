using GitOps.Reconciler.Common;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Models;

public sealed partial class ModelKind
{
    /// <summary>
    /// Executes the plan's consumer actions for the models installed in this pass, one consumer at a time, each once. A
    /// consumer failing its gate rolls back the switched models it reads (then their consumers are told again, once each,
    /// on the previous versions); after a heal there is nothing to go back to, the model is reported failed.
    /// </summary>
    /// <returns>The outcome of each model a consumer failure changed.</returns>
    private async Task<Dictionary<string, (ModelStatus Status, string Message)>> TellConsumersAsync(
        ValueList<ModelConsumerAction> actions, IReadOnlyDictionary<string, Installed> installed, CancellationToken cancellationToken)
    {
        var changed = new Dictionary<string, (ModelStatus Status, string Message)>(StringComparer.Ordinal);
        if (consumers is null || installed.Count == 0)
        {
            return changed;
        }
        var rolledBack = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (model, failure) in await RunAsync(actions, installed.Keys.ToHashSet(StringComparer.Ordinal), cancellationToken))
        {
            var done = installed[model];
            if (done.Change.Step == ModelAction.Heal)
            {
                var message = $"model {model}: consumer {failure} after its files were restored";
                LogHealConsumerFailed(model, failure);
                changed[model] = (ModelStatus.Failed, message);
                continue;
            }
            var (rollback, back) = RollBack(done, failure);
            changed[model] = (ModelStatus.RolledBack, rollback);
            if (back)
            {
                rolledBack.Add(model);
            }
        }
        if (rolledBack.Count > 0)
        {
            foreach (var (model, failure) in await RunAsync(actions, rolledBack, cancellationToken))
            {
                changed[model] = changed[model] with { Message = changed[model].Message + $"; the consumer also failed on the previous version: {failure}" };
            }
        }
        return changed;
    }

    /// <summary>Tells each consumer of <paramref name="models"/> once, skipping one whose models have all failed already; the first failure per model.</summary>
    private async Task<Dictionary<string, string>> RunAsync(ValueList<ModelConsumerAction> actions, IReadOnlySet<string> models, CancellationToken cancellationToken)
    {
        var failed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var action in actions)
        {
            var concerned = action.Models.Where(models.Contains).ToList();
            if (concerned.Count == 0 || concerned.All(failed.ContainsKey))
            {
                continue;
            }
            if (await TellAsync(action, cancellationToken) is { } failure)
            {
                foreach (var model in concerned)
                {
                    failed.TryAdd(model, failure);
                }
            }
        }
        return failed;
    }

    private async Task<string?> TellAsync(ModelConsumerAction action, CancellationToken cancellationToken)
    {
        if (action.Restart)
        {
            return await consumers!.RestartAsync(action.Project, action.Service, cancellationToken);
        }
        foreach (var signal in action.Signals)
        {
            if (await consumers!.SignalAsync(action.Project, action.Service, signal, cancellationToken) is { } failure)
            {
                return failure;
            }
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Model {Model}: consumer {Failure} after its files were restored")]
    private partial void LogHealConsumerFailed(string model, string failure);
}
