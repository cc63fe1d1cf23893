using System.Text.Json.Serialization;
using GitOps.Daemon.Commands;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.State;
using GitOps.Reconciler.Tasks;

namespace GitOps.Daemon.Cli;

/// <summary>
/// The JSON contracts of the verbs' own output (validate, history, retry, tasks, task history, models), generated at build time; every name comes
/// from a <see cref="JsonPropertyNameAttribute"/>. The plan, the drift report and the sync result have their own contexts
/// next to their models.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(IReadOnlyList<DiagnosticJson>))]
[JsonSerializable(typeof(IReadOnlyList<ReconcileRecord>))]
[JsonSerializable(typeof(RetryResultJson))]
[JsonSerializable(typeof(IReadOnlyList<TaskListing>))]
[JsonSerializable(typeof(IReadOnlyList<TaskRunRecord>))]
[JsonSerializable(typeof(IReadOnlyList<GitOps.Reconciler.Models.ModelListing>))]
[JsonSerializable(typeof(ModelCollectionJson))]
[JsonSerializable(typeof(IReadOnlyList<GitOps.Reconciler.Fleet.FleetHostLine>))]
[JsonSerializable(typeof(IReadOnlyList<GitOps.Reconciler.Fleet.FleetRevision>))]
[JsonSerializable(typeof(FleetRoleJson))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
