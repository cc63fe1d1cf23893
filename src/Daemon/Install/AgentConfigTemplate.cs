namespace GitOps.Daemon.Install;

/// <summary>The agent.yaml <c>install</c> writes when the host has none: the repo asked for, defaults spelled out.</summary>
public static class AgentConfigTemplate
{
    public static string Render(string repoUrl, string? branch, string? host, string stateDirectory)
    {
        var hostLine = host is null ? "# host: defaults to the machine's hostname" : $"host: {Quoted(host)}";
        return $"""
            # gitops-agent configuration: every setting is described in docs/configuration.md.
            {hostLine}
            repo:
              url: {Quoted(repoUrl)}
              ref: {"{"} branch: {Quoted(branch ?? "main")} {"}"}
            pollInterval: 30s
            pollJitter: 10%
            stateDir: {stateDirectory}
            http:
              listen: 127.0.0.1:9420
            # What a commit may ask of this host (docs/security.md): baseline refuses privileged containers, host
            # namespaces, added capabilities, raw devices and bind mounts outside the stack's directory, the model
            # roots and allowedBindRoots. Exceptions per stack or task go under allow: (docs/security.md).
            policy:
              profile: baseline
              allowedBindRoots: []
              allow: []
            log:
              format: console
              level: information

            """;
    }

    /// <summary>A YAML double-quoted scalar, so a URL or name is never read as anything else.</summary>
    private static string Quoted(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
