using System.Text.Json.Serialization;
using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>Why a revision is not applied and will not be retried until a new commit arrives, with the findings behind it.</summary>
public sealed record DriftStall([property: JsonPropertyName("reason")] string Reason, [property: JsonPropertyName("diagnostics")] ValueList<DriftDiagnostic> Diagnostics);
