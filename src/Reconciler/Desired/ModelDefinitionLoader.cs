using GitOps.Reconciler.Common;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Repository;
using GitOps.Reconciler.Yaml;

namespace GitOps.Reconciler.Desired;

/// <summary>Loads and validates one <c>models/&lt;name&gt;.yaml</c>; every mistake is reported with its position.</summary>
public static partial class ModelDefinitionLoader
{
    private static readonly string[] Keys =
        ["targets", "version", "files", "source", "sha256", "path", "consumers", "onChange", "keep", "insecure", "adopt", "auth"];

    private static readonly string[] FileKeys = ["name", "source", "sha256"];

    private static readonly string[] AuthKeys = ["bearerTokenFile"];

    /// <summary>The definition, or null when the file has errors (all reported).</summary>
    public static ModelDefinition? Load(RepoDirectory repo, string file, string name, Inventory? inventory, DiagnosticBag diagnostics)
    {
        var errorsBefore = diagnostics.ErrorCount;
        var what = $"model '{name}'";
        var map = YamlMap.Of(YamlFile.Load(repo, file, diagnostics), file, diagnostics, what);
        if (map is null)
        {
            return null;
        }
        map.RejectUnknownKeys(what, Keys);
        var targets = Targets.Read(map, inventory, what);
        var version = map.String("version", required: true, what);
        var insecure = map.Bool("insecure") ?? false;
        var files = ReadFiles(repo, map, what, insecure);
        var path = ReadPath(map, what, name);
        var (consumers, consumerPositions) = ReadConsumers(map);
        var onChange = ReadOnChange(map);
        var keep = (int)(map.Integer("keep", 0, 100) ?? 1);
        var adopt = map.Bool("adopt") ?? false;
        var tokenFile = ReadAuth(map, what);
        if (diagnostics.ErrorCount > errorsBefore)
        {
            return null;
        }
        var spec = new ModelSpec(name, version!, files!, path!, map["path"]!.At(file))
        {
            Consumers = consumers,
            OnChange = onChange,
            Keep = keep,
            Adopt = adopt,
            BearerTokenFile = tokenFile,
        };
        return new ModelDefinition(spec, file, targets, ValueList.From(consumerPositions));
    }

    private static (ValueList<string> Consumers, List<SourcePosition> Positions) ReadConsumers(YamlMap map)
    {
        var items = map.StringList("consumers") ?? [];
        var consumers = new List<string>();
        var positions = new List<SourcePosition>();
        foreach (var (value, at) in items)
        {
            var parts = value.Split('/');
            if (parts.Length != 2 || parts.Any(p => !ResourceName.IsValid(p)))
            {
                map.Diagnostics.Error(at, $"invalid consumer '{value}'; expected stack/service, such as ocr/worker");
                continue;
            }
            if (consumers.Contains(value))
            {
                map.Diagnostics.Error(at, $"consumer '{value}' is listed twice");
                continue;
            }
            consumers.Add(value);
            positions.Add(at);
        }
        return (ValueList.From(consumers), positions);
    }

    private static ModelOnChange ReadOnChange(YamlMap map)
    {
        var text = map.String("onChange");
        if (text is null)
        {
            return ModelOnChange.Restart;
        }
        if (text == "restart")
        {
            return ModelOnChange.Restart;
        }
        if (text == "none")
        {
            return new ModelOnChange(ModelOnChangeKind.None);
        }
        if (text.StartsWith("signal:", StringComparison.Ordinal) && SignalName().IsMatch(text["signal:".Length..]))
        {
            return new ModelOnChange(ModelOnChangeKind.Signal, text["signal:".Length..]);
        }
        map.Diagnostics.Error(map["onChange"]!.At(map.File), $"invalid onChange '{text}'; expected restart, none or signal:<NAME> such as signal:SIGHUP");
        return ModelOnChange.Restart;
    }

    private static string? ReadAuth(YamlMap map, string what)
    {
        var node = map["auth"];
        if (node is null || YamlMap.IsNull(node))
        {
            return null;
        }
        var auth = YamlMap.Of(node, map.File, map.Diagnostics, what + " auth");
        if (auth is null)
        {
            return null;
        }
        auth.RejectUnknownKeys("auth", AuthKeys);
        var file = auth.String("bearerTokenFile", required: true, "auth");
        if (file is not null && !file.StartsWith('/'))
        {
            map.Diagnostics.Error(auth["bearerTokenFile"]!.At(map.File), $"bearerTokenFile '{file}' must be an absolute path of a file on the host; the token itself never goes in the repository");
            return null;
        }
        return file;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^SIG[A-Z0-9]+$")]
    private static partial System.Text.RegularExpressions.Regex SignalName();
}
