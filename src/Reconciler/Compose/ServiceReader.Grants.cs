using System.Globalization;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Yaml;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Compose;

/// <summary>Secrets and configs granted to the service, short (<c>- name</c>) or long form.</summary>
internal sealed partial class ServiceReader
{
    /// <param name="targetBase">Where targets live: the default target is this plus the name, and relative targets are taken under it.</param>
    private ValueList<FileGrant> ReadGrants(string key, Dictionary<string, GrantDefinition> definitions, HashSet<string> declared, string targetBase)
    {
        var kind = key == "secrets" ? "secret" : "config";
        var grants = new List<FileGrant>();
        foreach (var item in ListItems(key))
        {
            var grant = item is YamlMappingNode
                ? ReadLongGrant(item, kind, targetBase)
                : _context.Scalar(item, $"a {kind} of {What}") is { } name ? new GrantRequest(name, null, null, null, null) : null;
            if (grant is null)
            {
                continue;
            }
            if (!declared.Contains(grant.Source))
            {
                _context.Error(item, $"{What} uses {kind} '{grant.Source}', which is not declared under top-level '{key}'");
                continue;
            }
            var target = grant.Target ?? targetBase + grant.Source;
            if (grants.Exists(g => g.Target == target))
            {
                _context.Error(item, $"{What} puts more than one {kind} at '{target}'");
                continue;
            }
            // A declared but broken definition has had its error reported already.
            if (definitions.TryGetValue(grant.Source, out var definition))
            {
                grants.Add(new FileGrant(grant.Source, target, definition.Source, definition.SourceRef, definition.ContentSha256, grant.Uid, grant.Gid, grant.Mode));
            }
        }
        return ValueList.Sorted(grants);
    }

    private GrantRequest? ReadLongGrant(YamlNode item, string kind, string targetBase)
    {
        var what = $"a {kind} of {What}";
        var map = _context.Map(item, what);
        if (map is null)
        {
            return null;
        }
        ComposeKeys.Check(map, what, ComposeKeys.ServiceGrant);
        var source = map.String("source", required: true, what: what);
        var target = map.String("target");
        if (target is not null && !target.StartsWith('/'))
        {
            target = targetBase + target;
        }
        return source is null ? null : new GrantRequest(source, target, map.String("uid"), map.String("gid"), ReadMode(map));
    }

    /// <summary>File modes are octal as written (<c>0440</c>), like chmod; a plain YAML integer is taken as decimal.</summary>
    private int? ReadMode(YamlMap map)
    {
        var text = map.String("mode");
        if (text is null)
        {
            return null;
        }
        try
        {
            var octal = text.Length > 1 && text[0] == '0';
            var digits = octal ? text.TrimStart('0').PadLeft(1, '0') : text;
            var value = octal ? Convert.ToInt32(digits, 8) : int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
            if (value is >= 0 and <= 4095)
            {
                return value;
            }
        }
        catch (FormatException)
        {
        }
        catch (OverflowException)
        {
        }
        _context.Error(map["mode"]!, $"invalid mode '{text}'; expected an octal file mode like 0440");
        return null;
    }
}
