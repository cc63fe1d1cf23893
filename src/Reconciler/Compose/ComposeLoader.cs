using GitOps.Reconciler.Common;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Yaml;

namespace GitOps.Reconciler.Compose;

/// <summary>Loads, interpolates, validates and normalises one compose file into a <see cref="StackSpec"/>.</summary>
public static class ComposeLoader
{
    /// <summary>Returns the normalised project, or null when the file has errors (all reported to <paramref name="diagnostics"/>).</summary>
    public static StackSpec? Load(ComposeSource source, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var errorsBefore = ErrorCount(diagnostics);
        var root = YamlFile.Load(source.Repo, source.ComposeFile, diagnostics);
        if (root is null)
        {
            return null;
        }
        TreeInterpolation.Apply(root, source.Variables, source.ComposeFile, diagnostics);
        var context = new ComposeContext(source, diagnostics);
        var top = context.Map(root, "the compose file");
        if (top is null)
        {
            return null;
        }
        ComposeKeys.Check(top, "the compose file", ComposeKeys.TopLevel, ComposeKeys.TopLevelUnsupported, allowExtensions: true);
        ReadHeader(context, top);
        NetworkDefinitionReader.Read(context, top["networks"]);
        VolumeDefinitionReader.Read(context, top["volumes"]);
        GrantDefinitionReader.Read(context, top["secrets"], "secrets", context.Secrets, context.DeclaredSecrets);
        GrantDefinitionReader.Read(context, top["configs"], "configs", context.Configs, context.DeclaredConfigs);
        var (services, declared) = ReadServices(context, top);
        DependencyGraph.Validate(services, declared, diagnostics);
        var selected = ProfileSelection.Select(services, source.ActiveProfiles, diagnostics);
        ProfileSelection.WarnUnused(services, source, diagnostics);
        return ErrorCount(diagnostics) > errorsBefore ? null : Assemble(context, selected) with
        {
            Claims = Claims(context, selected, services),
            Positions = new SettingPositions(SourcePosition.StartOf(source.ComposeFile),
                ValueMap.From(selected.SelectMany(s => services[s.Name].SettingPositions))),
        };
    }

    private static int ErrorCount(DiagnosticBag diagnostics) => diagnostics.Items.Count(d => d.Severity == Severity.Error);

    private static void ReadHeader(ComposeContext context, YamlMap top)
    {
        if (top.Has("version"))
        {
            context.Diagnostics.Warning(top.KeyPosition("version"), "'version' is obsolete and ignored");
        }
        var name = top.String("name");
        if (name is null)
        {
            if (context.Project.Length == 0)
            {
                context.Diagnostics.Error(top.Position, $"'{context.Source.ProjectName}' cannot be made a project name; set 'name:' with {ProjectName.ExpectedProject}");
            }
            return;
        }
        if (ProjectName.IsValid(name))
        {
            context.Project = name;
            context.ProjectAt = context.At(top["name"]!);
        }
        else
        {
            context.Error(top["name"]!, $"invalid project name '{name}'; expected {ProjectName.ExpectedProject}");
        }
    }

    /// <summary>The services that could be read, and the names of all services (for reference checks).</summary>
    private static (Dictionary<string, ServiceEntry> Entries, HashSet<string> Declared) ReadServices(ComposeContext context, YamlMap top)
    {
        var entries = new Dictionary<string, ServiceEntry>(StringComparer.Ordinal);
        if (!top.Has("services"))
        {
            context.Diagnostics.Error(top.Position, "the compose file has no 'services'; expected a mapping of service names to services");
            return (entries, []);
        }
        var services = context.Map(top["services"], "'services'");
        foreach (var (name, keyNode, value) in services?.Entries ?? [])
        {
            if (name.StartsWith("x-", StringComparison.Ordinal))
            {
                continue;
            }
            if (ServiceReader.Read(context, name, keyNode, value) is { } entry)
            {
                entries[name] = entry;
            }
        }
        return (entries, services?.Keys.ToHashSet(StringComparer.Ordinal) ?? []);
    }

    private static StackClaims Claims(ComposeContext context, IReadOnlyCollection<ServiceSpec> selected, IReadOnlyDictionary<string, ServiceEntry> entries)
    {
        var names = new List<ContainerNameClaim>();
        var ports = new List<PortClaim>();
        foreach (var spec in selected.OrderBy(s => entries[s.Name].Position.Line))
        {
            var entry = entries[spec.Name];
            if (spec.ContainerName is { } given)
            {
                names.Add(new ContainerNameClaim(given, spec.Name, entry.ContainerNameAt ?? entry.Position));
            }
            else
            {
                names.AddRange(Enumerable.Range(1, spec.Replicas).Select(n => new ContainerNameClaim(ContainerNames.Default(context.Project, spec.Name, n), spec.Name, entry.Position)));
            }
            ports.AddRange(entry.PortPositions.Where(p => p.Binding.HostPort is not null).Select(p => new PortClaim(p.Binding, spec.Name, spec.Replicas, p.Position)));
        }
        return new StackClaims(context.ProjectAt, ValueList.From(names), ValueList.From(ports));
    }

    /// <summary>Only the networks and volumes the selected services use are part of the project, as with compose.</summary>
    private static StackSpec Assemble(ComposeContext context, IReadOnlyCollection<ServiceSpec> services)
    {
        var usedNetworks = services.SelectMany(s => s.Networks.Keys).ToHashSet(StringComparer.Ordinal);
        var networks = usedNetworks.ToDictionary(
            key => key,
            key => context.Networks.TryGetValue(key, out var declared) ? declared : NetworkSpec.Default(context.Project),
            StringComparer.Ordinal);
        var usedVolumes = services.SelectMany(s => s.Mounts)
            .Where(m => m.Type == MountType.Volume && m.Source.Length > 0)
            .Select(m => m.Source)
            .ToHashSet(StringComparer.Ordinal);
        return new StackSpec(
            context.Project,
            context.Source.Repo.FullPath(context.Source.StackDirectory),
            ValueMap.From(services.Select(s => KeyValuePair.Create(s.Name, s))),
            ValueMap.From(networks),
            ValueMap.From(usedVolumes.Select(v => KeyValuePair.Create(v, context.Volumes[v]))))
        {
            ConfigFiles = ValueList.Of(context.Source.Repo.FullPath(context.Source.ComposeFile)),
            GrantContents = ValueMap.From(services.SelectMany(s => s.Configs)
                .Where(g => g.Source == GrantSource.Content)
                .Select(g => g.Name)
                .Distinct(StringComparer.Ordinal)
                .Select(name => KeyValuePair.Create(GrantDefinitionReader.ContentRef(name), context.Configs[name].Content!))),
            DecryptedFiles = ValueMap.From(services
                .SelectMany(s => s.Secrets.Select(g => context.Secrets[g.Name]).Concat(s.Configs.Select(g => context.Configs[g.Name])))
                .Where(d => d.Decrypted is not null)
                .DistinctBy(d => d.SourceRef, StringComparer.Ordinal)
                .Select(d => KeyValuePair.Create(d.SourceRef, d.Decrypted!))),
        };
    }
}
