using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace GitOps.Daemon.Cli;

/// <summary>The JSON the CLI prints for machines: indented, readable escaping (quotes and &lt; stay as they are).</summary>
public static class CliJson
{
    /// <summary>
    /// For <c>render</c>: the desired state's own records by their generated metadata (<see cref="RenderJsonContext"/>),
    /// camelCase, enums as camelCase strings. Everything with a documented shape goes through <see cref="Serialize{T}"/>
    /// and a contract with explicit names instead.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new(RenderJsonContext.Default.Options)
    {
        TypeInfoResolver = RenderJsonContext.Default,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters =
        {
            CamelCase<Reconciler.Desired.ModelOnChangeKind>(), CamelCase<Reconciler.Desired.ModelSourceKind>(),
            CamelCase<Reconciler.Desired.TaskConcurrency>(), CamelCase<Reconciler.Desired.TaskMissedPolicy>(),
            CamelCase<Reconciler.Compose.DependencyCondition>(), CamelCase<Reconciler.Compose.GrantSource>(),
            CamelCase<Reconciler.Compose.MountType>(), CamelCase<Reconciler.Compose.PullPolicy>(), CamelCase<Reconciler.Compose.UpdateOrder>(),
        },
    };

    // Enums by their JsonStringEnumMemberName, as the drift report writes them.
    internal static readonly JsonSerializerOptions Contracts = new(CliJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters =
        {
            CamelCase<Reconciler.Tasks.TaskOutcome>(allowIntegerValues: false), CamelCase<Reconciler.Fleet.FleetStatus>(allowIntegerValues: false),
        },
    };

    // One converter per enum the contexts hold (a trimmed build cannot make them at run time); a test checks none is missing.
    private static JsonStringEnumConverter<TEnum> CamelCase<TEnum>(bool allowIntegerValues = true)
        where TEnum : struct, Enum => new(JsonNamingPolicy.CamelCase, allowIntegerValues);

    /// <summary>Writes <paramref name="value"/> by its generated contract.</summary>
    public static string Serialize<T>(T value, JsonTypeInfo<T> contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return JsonSerializer.Serialize(value, (JsonTypeInfo<T>)Contracts.GetTypeInfo(contract.Type));
    }
}
