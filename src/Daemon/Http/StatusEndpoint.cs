using GitOps.Reconciler.Reporting.Drift;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GitOps.Daemon.Http;

/// <summary><c>/status</c>: the latest drift report as JSON (docs/drift-report.md); 503 before the first one.</summary>
internal static class StatusEndpoint
{
    public static void Map(IEndpointRouteBuilder app, DriftReportStore reports) =>
        app.MapGet("/status", () => reports.Latest is { } report
            ? Results.Text(DriftReportJson.Serialize(report), "application/json; charset=utf-8")
            : Results.Json(new HttpAnswer(Error: "no drift report yet: the first reconcile has not finished"), HttpJsonContext.Default.HttpAnswer, statusCode: StatusCodes.Status503ServiceUnavailable));
}
