using System.Text.Json.Serialization;

namespace GitOps.Daemon.Commands;

/// <summary>What <c>fleet add-host --json</c> and <c>fleet add-reader --json</c> print: the role and where its password is, never the password.</summary>
internal sealed record FleetRoleJson(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("passwordFile")] string PasswordFile,
    [property: JsonPropertyName("passwordCreated")] bool PasswordCreated);
