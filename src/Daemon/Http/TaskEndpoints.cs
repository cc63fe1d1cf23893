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
                new HttpAnswer(Error: "running tasks over HTTP is disabled: no webhook secret file is configured"), HttpJsonContext.Default.HttpAnswer,
                statusCode: StatusCodes.Status404NotFound));
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
            return Results.Json(new HttpAnswer(Error: "the body is too large"), HttpJsonContext.Default.HttpAnswer, statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length > maxBodyBytes)
        {
            return Results.Json(new HttpAnswer(Error: "the body is too large"), HttpJsonContext.Default.HttpAnswer, statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        var headers = request.Headers.SelectMany(h => h.Value.Select(v => KeyValuePair.Create(h.Key, v ?? "")));
        var verdict = WebhookSignature.Verify(buffer.ToArray(), headers, secret);
        var remote = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (verdict != WebhookVerdict.Accepted)
        {
            LogRejected(name, remote, verdict);
            return Results.Json(new HttpAnswer(Error: "signature " + verdict.ToString().ToLowerInvariant()), HttpJsonContext.Default.HttpAnswer, statusCode: StatusCodes.Status401Unauthorized);
        }
        var answer = await tasks.RequestRunAsync(name, context.RequestAborted);
        LogAnswered(name, remote, answer.Verdict);
        return answer.Verdict switch
        {
            TaskRunVerdict.Accepted => Results.Json(
                TaskRunAccepted.Of(name, answer.Request!.Id), TaskHttpJsonContext.Default.TaskRunAccepted, statusCode: StatusCodes.Status202Accepted),
            TaskRunVerdict.Unknown => Results.Json(new HttpAnswer(Error: answer.Reason), HttpJsonContext.Default.HttpAnswer, statusCode: StatusCodes.Status404NotFound),
            TaskRunVerdict.Refused => Results.Json(new HttpAnswer(Error: answer.Reason), HttpJsonContext.Default.HttpAnswer, statusCode: StatusCodes.Status409Conflict),
            _ => Results.Json(new HttpAnswer(Error: answer.Reason), HttpJsonContext.Default.HttpAnswer, statusCode: StatusCodes.Status503ServiceUnavailable),
        };
    }

    private static IResult Follow(ITaskRunGateway tasks, string name, string id)
    {
        if (tasks.GetRequest(id) is not { } request || request.Task != name)
        {
            return Results.Json(
                new HttpAnswer(Error: $"no run request '{id}' for task '{name}' (requests are kept in memory while the daemon runs)"), HttpJsonContext.Default.HttpAnswer,
                statusCode: StatusCodes.Status404NotFound);
        }
        return Results.Json(TaskRunState.Of(request), TaskHttpJsonContext.Default.TaskRunState);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request to run task {Task} from {Remote} rejected: signature {Verdict}")]
    private partial void LogRejected(string task, string remote, WebhookVerdict verdict);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request to run task {Task} from {Remote}: {Verdict}")]
    private partial void LogAnswered(string task, string remote, TaskRunVerdict verdict);
}
