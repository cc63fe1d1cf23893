using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace GitOps.Daemon.Http;

/// <summary>
/// <c>POST /reconcile</c>: a git host's push webhook asks for a reconcile now. The body is read whole (up to a bound)
/// and must be signed under the shared secret, GitHub style (<c>X-Hub-Signature-256</c>) or GitLab style
/// (<c>X-Gitlab-Token</c>): 202 when accepted (requests coalesce), 401 when the signature is missing or wrong,
/// 413 when the body is too large, 404 when no secret is configured (the endpoint does not exist then).
/// A signed request whose delivery id (<c>X-GitHub-Delivery</c>, <c>X-Gitlab-Event-UUID</c>) was seen before is a
/// redelivery: 200 and no reconcile.
/// </summary>
internal sealed partial class ReconcileEndpoint(string secret, long maxBodyBytes, IReconcileTrigger trigger, ILogger logger)
{
    public const string Reason = "webhook";

    private readonly WebhookDeliveries _deliveries = new();

    public static void Map(IEndpointRouteBuilder app, string? secret, long maxBodyBytes, IReconcileTrigger trigger, ILogger<ReconcileEndpoint> logger)
    {
        if (secret is null)
        {
            app.MapPost("/reconcile", () => Results.Json(
                new HttpAnswer(Error: "the webhook trigger is disabled: no webhook secret file is configured"), HttpJsonContext.Default.HttpAnswer, statusCode: StatusCodes.Status404NotFound));
            return;
        }
        var endpoint = new ReconcileEndpoint(secret, maxBodyBytes, trigger, logger);
        app.MapPost("/reconcile", (Func<HttpContext, Task<IResult>>)endpoint.HandleAsync);
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > maxBodyBytes)
        {
            return TooLarge();
        }
        byte[] body;
        try
        {
            body = await ReadBoundedAsync(request.Body, context.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }
        if (body.Length > maxBodyBytes)
        {
            return TooLarge();
        }
        var headers = request.Headers.SelectMany(h => h.Value.Select(v => KeyValuePair.Create(h.Key, v ?? "")));
        var verdict = WebhookSignature.Verify(body, headers, secret);
        var remote = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (verdict != WebhookVerdict.Accepted)
        {
            LogRejected(verdict, remote);
            return Results.Json(new HttpAnswer(Error: "signature " + verdict.ToString().ToLowerInvariant()), HttpJsonContext.Default.HttpAnswer, statusCode: StatusCodes.Status401Unauthorized);
        }
        if (WebhookDeliveries.IdOf(headers) is { } delivery && !_deliveries.TryAdd(delivery))
        {
            LogDuplicate(remote, delivery);
            return Results.Json(new HttpAnswer(Status: "duplicate", Delivery: delivery), HttpJsonContext.Default.HttpAnswer, statusCode: StatusCodes.Status200OK);
        }
        var queued = trigger.Request(Reason);
        LogAccepted(remote, queued);
        return Results.Json(new HttpAnswer(Status: "accepted", Merged: !queued), HttpJsonContext.Default.HttpAnswer, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>Reads at most one byte more than allowed, so an oversized body without Content-Length is still caught.</summary>
    private async Task<byte[]> ReadBoundedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBodyBytes)
            {
                break;
            }
        }
        return buffer.ToArray();
    }

    private static IResult TooLarge() =>
        Results.Json(new HttpAnswer(Error: "the body is too large"), HttpJsonContext.Default.HttpAnswer, statusCode: StatusCodes.Status413PayloadTooLarge);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook reconcile request from {Remote} rejected: signature {Verdict}")]
    private partial void LogRejected(WebhookVerdict verdict, string remote);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {Delivery} from {Remote} was seen before; acknowledged without a reconcile")]
    private partial void LogDuplicate(string remote, string delivery);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook reconcile request from {Remote} accepted (new request: {Queued})")]
    private partial void LogAccepted(string remote, bool queued);
}
