using System.Text;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Compose;

/// <summary>
/// Reads top-level <c>secrets:</c> and <c>configs:</c>. A <c>file:</c> source is read now (inside the repo only)
/// so that its hash, not its content, travels on in the spec; an encrypted one is decrypted now, so a file this host
/// cannot decrypt stalls the revision before anything is applied.
/// </summary>
internal static class GrantDefinitionReader
{
    public static void Read(ComposeContext context, YamlNode? node, string section, Dictionary<string, GrantDefinition> into, HashSet<string> declared)
    {
        var kind = section == "secrets" ? "secret" : "config";
        var entries = context.Map(node, $"'{section}'");
        if (entries is null)
        {
            return;
        }
        foreach (var (key, keyNode, value) in entries.Entries)
        {
            declared.Add(key);
            var what = $"{kind} '{key}'";
            var map = context.Map(value, what);
            if (map is null)
            {
                continue;
            }
            var config = kind == "config";
            ComposeKeys.Check(map, what, config ? ComposeKeys.Config : ComposeKeys.Grant, config ? ComposeKeys.ConfigUnsupported : ComposeKeys.SecretUnsupported, allowExtensions: true);
            var file = map.String("file");
            var variable = map.String("environment");
            var content = config ? map.String("content") : null;
            if (map.Has("external"))
            {
                continue;
            }
            if (new[] { file, variable, content }.Count(s => s is not null) != 1)
            {
                context.Diagnostics.Error(context.At(keyNode), $"{what} needs exactly one of {(config ? "'file', 'environment' or 'content'" : "'file' or 'environment'")}");
                continue;
            }
            var definition = file is not null ? FromFile(context, key, file, map.KeyPosition("file"), kind)
                : variable is not null ? FromVariable(context, key, variable, map.KeyPosition("environment"), kind)
                : new GrantDefinition(key, GrantSource.Content, ContentRef(key), context.Source.HashKey.Sign(Encoding.UTF8.GetBytes(content!)), content);
            if (definition is not null)
            {
                into[key] = definition;
            }
        }
    }

    /// <summary>How an inline config is named in <see cref="StackSpec.GrantContents"/>; not a variable name, so never confused with one.</summary>
    public static string ContentRef(string config) => "config:" + config;

    private static GrantDefinition? FromFile(ComposeContext context, string key, string file, Diagnostics.SourcePosition at, string kind)
    {
        var repo = context.Source.Repo;
        var relative = repo.ResolveInside(context.Source.StackDirectory, file, at, context.Diagnostics, $"{kind} file");
        var bytes = relative is null ? null : repo.ReadBytes(relative, at, context.Diagnostics);
        if (bytes is null)
        {
            return null;
        }
        if (!Secrets.SecretFile.IsEncrypted(bytes, relative!))
        {
            return new GrantDefinition(key, GrantSource.File, repo.FullPath(relative!), context.Source.HashKey.Sign(bytes));
        }
        // The plaintext is hashed (keyed), so re-encrypting the same content recreates nothing.
        var decrypted = Secrets.SecretEnvironment.ReadFile(bytes, relative!, at, context.Source.Secrets, context.Diagnostics);
        if (decrypted is null && context.Source.Secrets.CanDecrypt)
        {
            return null;
        }
        var hash = context.Source.HashKey.Sign(decrypted is null ? bytes : decrypted.Bytes);
        return new GrantDefinition(key, GrantSource.File, repo.FullPath(relative!), hash, Decrypted: decrypted);
    }

    private static GrantDefinition? FromVariable(ComposeContext context, string key, string variable, Diagnostics.SourcePosition at, string kind)
    {
        if (!context.Source.Variables.TryGetValue(variable, out var value))
        {
            context.Diagnostics.Error(at, $"{kind} '{key}' takes its content from variable '{variable}', which is not set for this host");
            return null;
        }
        return new GrantDefinition(key, GrantSource.Environment, variable, context.Source.HashKey.Sign(Encoding.UTF8.GetBytes(value)));
    }
}
