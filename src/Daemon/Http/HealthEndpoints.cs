using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GitOps.Daemon.Http;

/// <summary><c>/healthz</c>: 200 while the process serves; <c>/readyz</c>: 200 when ready, else 503 saying which check failed.</summary>
internal static class HealthEndpoints
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    public static void Map(IEndpointRouteBuilder app, ReadinessChecks readiness)
    {
        app.MapGet("/healthz", () => Results.Json(new HttpAnswer(Status: "alive"), HttpJsonContext.Default.HttpAnswer));
        app.MapGet("/readyz", async (CancellationToken cancellationToken) =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(CheckTimeout);
            var reconcile = await CheckAsync(readiness.LastReconcileSucceeded, timeout.Token);
            var engine = await CheckAsync(readiness.EngineAnswers, timeout.Token);
            var stuck = readiness.StuckStep();
            var ready = reconcile && engine && stuck is null;
            var body = new HttpAnswer(
                Status: ready ? "ready" : "not ready",
                LastReconcile: reconcile ? "succeeded" : "failed or none yet",
                Engine: engine ? "reachable" : "unreachable",
                Step: stuck is null ? "moving or none" : $"stuck: {stuck.Name} since {stuck.Since:O}");
            return Results.Json(body, HttpJsonContext.Default.HttpAnswer, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
    }

    private static async Task<bool> CheckAsync(Func<CancellationToken, Task<bool>> check, CancellationToken cancellationToken)
    {
        try
        {
            return await check(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
