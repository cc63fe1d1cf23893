using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GitOps.Daemon.Http;

/// <summary>
/// What every request passes before an endpoint sees it: the Host header check (421 otherwise), and for <c>/status</c>
/// and <c>/metrics</c> the read token when one is configured (401 otherwise). Health probes and the signed webhooks
/// need no token.
/// </summary>
internal static class RequestGuard
{
    private static readonly string[] ReadPaths = ["/status", "/metrics"];

    public static IApplicationBuilder UseRequestGuard(this IApplicationBuilder app, AgentHttpOptions options)
    {
        var hosts = new HostHeaderCheck(options.Listen, options.AllowedHosts);
        var token = ReadToken.Read(options.ReadTokenFile);
        return app.Use(async (context, next) =>
        {
            if (!hosts.Allows(context.Request.Host.Host))
            {
                await AnswerAsync(context, StatusCodes.Status421MisdirectedRequest,
                    "the Host header names neither this agent's listen address nor one of http.allowedHosts");
                return;
            }
            if (token is not null && ReadPaths.Contains(context.Request.Path.Value, StringComparer.OrdinalIgnoreCase)
                && !token.Accepts(context.Request.Headers.Authorization.ToString()))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await AnswerAsync(context, StatusCodes.Status401Unauthorized, "a bearer token is required (http.readTokenFile)");
                return;
            }
            await next(context);
        });
    }

    private static Task AnswerAsync(HttpContext context, int status, string error)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new HttpAnswer(Error: error), HttpJsonContext.Default.HttpAnswer), context.RequestAborted);
    }
}
