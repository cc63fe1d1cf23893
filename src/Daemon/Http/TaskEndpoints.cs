using GitOps.Reconciler.Tasks;
using GitOps.Reconciler.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace GitOps.Daemon.Http;

/// <summary>
/// <c>POST /tasks/NAME/run</c> runs a task now, authenticated exactly as <c>POST /reconcile</c> (the body signed with
/// the webhook secret, <c>X-Hub-Signature-256</c> or <c>X-Gitlab-Token</c>; 404 for every request when no secret is
/// configured): 202 with the request id, 404 for a task not scheduled here, 409 when refused (suspended, or
/// <c>concurrency: forbid</c> with a run going), 503 before the scheduler runs. <c>GET /tasks/NAME/runs/ID</c>
/// follows a request until its run is recorded (state, outcome, exit code; no output, so it needs no secret, like
/// <c>/status</c>).
/// </summary>
internal sealed partial class TaskEndpoints(string secret, long maxBodyBytes, ITaskRunGateway tasks, ILogger logger)
{
    public static void Map(IEndpointRouteBuilder app, string? secret, long maxBodyBytes, ITaskRunGateway? tasks, ILogger<TaskEndpoints> logger)
    {
        if (tasks is null)
        {
            return;
        }
        app.MapGet("/tasks/{name}/runs/{id}", (string name, string id) => Follow(tasks, name, id));
        if (secret is null)
        {
            app.MapPost("/tasks/{name}/run", () => Results.Json(
                new { error = "running tasks over HTTP is disabled: no webhook secret file is configured" }, statusCode: StatusCodes.Status404NotFound));
            return;
        }
        var endpoint = new TaskEndpoints(secret, maxBodyBytes, tasks, logger);
        app.MapPost("/tasks/{name}/run", (Func<HttpContext, string, Task<IResult>>)endpoint.RunAsync);
    }

    private async Task<IResult> RunAsync(HttpContext context, string name)
    {
        var request = context.Request;
        if (request.ContentLength > maxBodyBytes)
        {
            return Results.Json(new { error = "the body is too large" }, statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length > maxBodyBytes)
        {
            return Results.Json(new { error = "the body is too large" }, statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        var headers = request.Headers.SelectMany(h => h.Value.Select(v => KeyValuePair.Create(h.Key, v ?? "")));
        var verdict = WebhookSignature.Verify(buffer.ToArray(), headers, secret);
        var remote = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (verdict != WebhookVerdict.Accepted)
        {
            LogRejected(name, remote, verdict);
            return Results.Json(new { error = "signature " + verdict.ToString().ToLowerInvariant() }, statusCode: StatusCodes.Status401Unauthorized);
        }
        var answer = await tasks.RequestRunAsync(name, context.RequestAborted);
        LogAnswered(name, remote, answer.Verdict);
        return answer.Verdict switch
        {
            TaskRunVerdict.Accepted => Results.Json(
                new { status = "accepted", task = name, run = answer.Request!.Id, follow = $"/tasks/{name}/runs/{answer.Request.Id}" },
                statusCode: StatusCodes.Status202Accepted),
            TaskRunVerdict.Unknown => Results.Json(new { error = answer.Reason }, statusCode: StatusCodes.Status404NotFound),
            TaskRunVerdict.Refused => Results.Json(new { error = answer.Reason }, statusCode: StatusCodes.Status409Conflict),
            _ => Results.Json(new { error = answer.Reason }, statusCode: StatusCodes.Status503ServiceUnavailable),
        };
    }

    private static IResult Follow(ITaskRunGateway tasks, string name, string id)
    {
        if (tasks.GetRequest(id) is not { } request || request.Task != name)
        {
            return Results.Json(new { error = $"no run request '{id}' for task '{name}' (requests are kept in memory while the daemon runs)" },
                statusCode: StatusCodes.Status404NotFound);
        }
        return Results.Json(TaskRunState.Of(request));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request to run task {Task} from {Remote} rejected: signature {Verdict}")]
    private partial void LogRejected(string task, string remote, WebhookVerdict verdict);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request to run task {Task} from {Remote}: {Verdict}")]
    private partial void LogAnswered(string task, string remote, TaskRunVerdict verdict);
}
