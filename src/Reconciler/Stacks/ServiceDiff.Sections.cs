using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Stacks;

/// <summary>The nested sections of a service: networks, healthcheck, security, logging, resources, secrets and configs.</summary>
public static partial class ServiceDiff
{
    private static void Networks(FieldDiff diff, ServiceSpec desired, ServiceSpec actual)
    {
        foreach (var key in desired.Networks.Keys.Union(actual.Networks.Keys).Order(StringComparer.Ordinal))
        {
            var field = "networks." + key;
            var wanted = desired.Networks.TryGetValue(key, out var want);
            var had = actual.Networks.TryGetValue(key, out var have);
            if (want is null || have is null)
            {
                diff.Value(field, wanted ? "attached" : null, had ? "attached" : null);
                continue;
            }
            diff.Value(field + ".aliases", FieldValue.List(want.Aliases), FieldValue.List(have.Aliases));
            diff.Value(field + ".ipv4_address", want.Ipv4Address, have.Ipv4Address);
            diff.Value(field + ".ipv6_address", want.Ipv6Address, have.Ipv6Address);
        }
    }

    private static void Healthcheck(FieldDiff diff, HealthcheckSpec? desired, HealthcheckSpec? actual)
    {
        if (desired is null || actual is null)
        {
            diff.Value("healthcheck", Describe(desired), Describe(actual));
            return;
        }
        diff.Value("healthcheck.test", FieldValue.Arguments(desired.Test), FieldValue.Arguments(actual.Test));
        diff.Value("healthcheck.interval", FieldValue.Duration(desired.Interval), FieldValue.Duration(actual.Interval));
        diff.Value("healthcheck.timeout", FieldValue.Duration(desired.Timeout), FieldValue.Duration(actual.Timeout));
        diff.Value("healthcheck.retries", FieldValue.Number(desired.Retries), FieldValue.Number(actual.Retries));
        diff.Value("healthcheck.start_period", FieldValue.Duration(desired.StartPeriod), FieldValue.Duration(actual.StartPeriod));
        diff.Value("healthcheck.start_interval", FieldValue.Duration(desired.StartInterval), FieldValue.Duration(actual.StartInterval));
    }

    private static string? Describe(HealthcheckSpec? check) => check is null
        ? null
        : FieldValue.Arguments(check.Test)
            + (check.Interval is null ? "" : " interval=" + FieldValue.Duration(check.Interval))
            + (check.Timeout is null ? "" : " timeout=" + FieldValue.Duration(check.Timeout))
            + (check.Retries is null ? "" : " retries=" + FieldValue.Number(check.Retries));

    private static void Security(FieldDiff diff, ServiceSpec desired, ServiceSpec actual)
    {
        diff.Value("cap_add", FieldValue.List(desired.CapAdd), FieldValue.List(actual.CapAdd));
        diff.Value("cap_drop", FieldValue.List(desired.CapDrop), FieldValue.List(actual.CapDrop));
        diff.Value("privileged", FieldValue.Bool(desired.Privileged), FieldValue.Bool(actual.Privileged));
        diff.Value("read_only", FieldValue.Bool(desired.ReadOnly), FieldValue.Bool(actual.ReadOnly));
        diff.Value("security_opt", FieldValue.List(desired.SecurityOpt), FieldValue.List(actual.SecurityOpt));
    }

    private static void Logging(FieldDiff diff, LoggingSpec? desired, LoggingSpec? actual)
    {
        if (desired is null || actual is null)
        {
            diff.Value("logging", desired is null ? null : desired.Driver + " " + desired.Options, actual is null ? null : actual.Driver + " " + actual.Options);
            return;
        }
        diff.Value("logging.driver", desired.Driver, actual.Driver);
        diff.Map("logging.options", desired.Options, actual.Options, FieldValue.Text);
    }

    private static void Resources(FieldDiff diff, ResourceLimits desired, ResourceLimits actual)
    {
        diff.Value("resources.cpus", FieldValue.Cpus(desired.NanoCpus), FieldValue.Cpus(actual.NanoCpus));
        diff.Value("resources.memory", FieldValue.Bytes(desired.MemoryBytes), FieldValue.Bytes(actual.MemoryBytes));
        diff.Value("resources.pids", FieldValue.Number(desired.Pids), FieldValue.Number(actual.Pids));
    }

    /// <summary>Secrets and configs by name: target, content hash and ownership, never the content.</summary>
    private static void Grants(FieldDiff diff, string section, IEnumerable<FileGrant> desired, IEnumerable<FileGrant> actual) =>
        diff.Map(
            section,
            desired.GroupBy(g => g.Name).ToDictionary(g => g.Key, g => string.Join(", ", g.Select(FieldValue.Grant)), StringComparer.Ordinal),
            actual.GroupBy(g => g.Name).ToDictionary(g => g.Key, g => string.Join(", ", g.Select(FieldValue.Grant)), StringComparer.Ordinal),
            FieldValue.Text);
}
