using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Stacks;

namespace GitOps.Reconciler.Tests.Planning;

public class ServiceDiffTests
{
    private static readonly ServiceSpec Web = Given.Service("web");

    private static FieldChange Only(ServiceSpec desired, ServiceSpec actual) => Assert.Single(ServiceDiff.Between(desired, actual));

    [Fact]
    public void Between_EqualSpecs_Empty()
    {
        Assert.Empty(ServiceDiff.Between(Web.WithEnv("A", "1"), Web.WithEnv("A", "1")));
    }

    [Fact]
    public void Between_ImageChanged_ImageField()
    {
        Assert.Equal(new FieldChange("image", Given.WebV2, Given.WebV1), Only(Web with { Image = Given.WebV2 }, Web));
    }

    [Fact]
    public void Between_VariableFromASensitiveSourceChanged_MaskedAlikeOnBothSides()
    {
        var desired = Web.WithEnv("GREETING", "new-value") with { SensitiveEnvironment = ValueList.Of("GREETING") };

        var field = Only(desired, Web.WithEnv("GREETING", "old-value"));

        Assert.Equal(new FieldChange("environment.GREETING", SecretMask.Masked, SecretMask.Masked), field);
        Assert.Equal("environment.GREETING: changed (secret)", GitOps.Reconciler.Reporting.FieldValueText.Line(field.Field, field.Desired, field.Actual));
    }

    [Fact]
    public void Between_SensitiveVariableRemovedFromGit_HostsValueMaskedByTheContainersLabel()
    {
        var actual = Web.WithEnv("GREETING", "old-value") with { SensitiveEnvironment = ValueList.Of("GREETING") };

        var field = Only(Web, actual);

        Assert.Equal(new FieldChange("environment.GREETING", null, SecretMask.Masked), field);
    }

    [Fact]
    public void Between_SecretRepeatedInTheCommand_BlottedOut()
    {
        var desired = Web.WithEnv("GREETING", "open-sesame") with { Command = ValueList.Of("run", "--pw", "open-sesame"), SensitiveEnvironment = ValueList.Of("GREETING") };

        var fields = ServiceDiff.Between(desired, Web.WithEnv("GREETING", "open-sesame"));

        Assert.Equal("[\"run\", \"--pw\", \"******\"]", Assert.Single(fields).Desired);
    }

    [Fact]
    public void Between_UrlWithCredentialsUnderAnInnocentName_PasswordMasked()
    {
        var field = Only(Web.WithEnv("GREETING", "postgres://u:hunter2@h/db"), Web.WithEnv("GREETING", "postgres://u:hunter3@h/db"));

        Assert.Equal(new FieldChange("environment.GREETING", "postgres://u:******@h/db", "postgres://u:******@h/db"), field);
        Assert.Equal("environment.GREETING: changed (secret)", GitOps.Reconciler.Reporting.FieldValueText.Line(field.Field, field.Desired, field.Actual));
    }

    [Fact]
    public void Between_EnvironmentAddedRemovedChanged_OneFieldPerKey()
    {
        var fields = ServiceDiff.Between(Web.WithEnv("A", "2").WithEnv("B", "new"), Web.WithEnv("A", "1").WithEnv("C", "old"));

        Assert.Equal(
            [new FieldChange("environment.A", "2", "1"), new FieldChange("environment.B", "new", null), new FieldChange("environment.C", null, "old")],
            fields);
    }

    [Theory]
    [InlineData("DB_PASSWORD")]
    [InlineData("api_secret")]
    [InlineData("GITHUB_TOKEN")]
    [InlineData("AWS_ACCESS_KEY_ID")]
    public void Between_SensitiveEnvironment_ValuesMasked(string key)
    {
        Assert.Equal(new FieldChange("environment." + key, "******", null), Only(Web.WithEnv(key, "s3cret"), Web));
    }

    [Fact]
    public void Between_CommandChanged_ArgumentsQuoted()
    {
        var field = Only(Web with { Command = ValueList.Of("httpd", "-p", "8080") }, Web with { Command = ValueList.Of("httpd") });

        Assert.Equal(new FieldChange("command", "[\"httpd\", \"-p\", \"8080\"]", "[\"httpd\"]"), field);
    }

    [Fact]
    public void Between_CommandUnsetOnOneSide_NullThere()
    {
        Assert.Equal(new FieldChange("command", "[\"sh\"]", null), Only(Web with { Command = ValueList.Of("sh") }, Web));
    }

    [Fact]
    public void Between_PortsChanged_PortsField()
    {
        var field = Only(
            Web with { Ports = ValueList.Of(new PortBinding("", 8081, 80, "tcp")) },
            Web with { Ports = ValueList.Of(new PortBinding("", 8080, 80, "tcp")) });

        Assert.Equal(new FieldChange("ports", "[8081:80/tcp]", "[8080:80/tcp]"), field);
    }

    [Fact]
    public void Between_MountsChanged_MountsField()
    {
        var field = Only(
            Web with { Mounts = ValueList.Of(new MountSpec(MountType.Volume, "data", "/data", true)) },
            Web with { Mounts = ValueList.Of(new MountSpec(MountType.Volume, "data", "/data", false)) });

        Assert.Equal(new FieldChange("mounts", "[volume:data:/data:ro]", "[volume:data:/data]"), field);
    }

    [Fact]
    public void Between_LabelChanged_LabelField()
    {
        Assert.Equal(
            new FieldChange("labels.team", "ml", "ops"),
            Only(Web with { Labels = ValueMap<string>.Empty.With("team", "ml") }, Web with { Labels = ValueMap<string>.Empty.With("team", "ops") }));
    }

    [Fact]
    public void Between_NetworkAliasesChanged_AliasesField()
    {
        var aliased = Web with { Networks = ValueMap<NetworkAttachment>.Empty.With("default", new NetworkAttachment(ValueList.Of("www"))) };

        Assert.Equal(new FieldChange("networks.default.aliases", "[www]", "[]"), Only(aliased, Web));
    }

    [Fact]
    public void Between_NetworkAdded_AttachedField()
    {
        var both = Web with { Networks = Web.Networks.With("backend", NetworkAttachment.Plain) };

        Assert.Equal(new FieldChange("networks.backend", "attached", null), Only(both, Web));
    }

    [Fact]
    public void Between_HealthcheckTestChanged_TestField()
    {
        var desired = Web with { Healthcheck = new HealthcheckSpec(ValueList.Of("CMD", "wget", "-q", "http://127.0.0.1/")) };
        var actual = Web with { Healthcheck = new HealthcheckSpec(ValueList.Of("CMD", "true")) };

        Assert.Equal("healthcheck.test", Only(desired, actual).Field);
    }

    [Fact]
    public void Between_HealthcheckIntervalChanged_ReadableDuration()
    {
        var check = new HealthcheckSpec(ValueList.Of("CMD", "true"), Interval: TimeSpan.FromSeconds(90));

        Assert.Equal(
            new FieldChange("healthcheck.interval", "1m30s", "5s"),
            Only(Web with { Healthcheck = check }, Web with { Healthcheck = check with { Interval = TimeSpan.FromSeconds(5) } }));
    }

    [Fact]
    public void Between_HealthcheckRemoved_WholeHealthcheckField()
    {
        var field = Only(Web, Web with { Healthcheck = new HealthcheckSpec(ValueList.Of("CMD", "true")) });

        Assert.Equal("healthcheck", field.Field);
        Assert.Null(field.Desired);
        Assert.Equal("[\"CMD\", \"true\"]", field.Actual);
    }

    [Fact]
    public void Between_RestartChanged_RestartField()
    {
        Assert.Equal(new FieldChange("restart", "always", "no"), Only(Web with { Restart = "always" }, Web));
    }

    [Fact]
    public void Between_MemoryAndCpusChanged_ReadableUnits()
    {
        var fields = ServiceDiff.Between(
            Web with { Resources = new ResourceLimits(NanoCpus: 1_500_000_000, MemoryBytes: 512L << 20) },
            Web with { Resources = new ResourceLimits(NanoCpus: 500_000_000, MemoryBytes: 1L << 30) });

        Assert.Equal([new FieldChange("resources.cpus", "1.5", "0.5"), new FieldChange("resources.memory", "512MiB", "1GiB")], fields);
    }

    [Fact]
    public void Between_SecretContentChanged_ShowsHashesNeverContent()
    {
        FileGrant Grant(string sha) => new("db_password", "/run/secrets/db_password", GrantSource.File, "/srv/repo/secrets/db", sha);
        var field = Only(Web with { Secrets = ValueList.Of(Grant(new string('a', 64))) }, Web with { Secrets = ValueList.Of(Grant(new string('b', 64))) });

        Assert.Equal("secrets.db_password", field.Field);
        Assert.Equal("db_password -> /run/secrets/db_password (sha256:aaaaaaaaaaaa)", field.Desired);
        Assert.Equal("db_password -> /run/secrets/db_password (sha256:bbbbbbbbbbbb)", field.Actual);
    }

    [Fact]
    public void Between_ReplicasDependsOnPullPolicy_NotContainerFields()
    {
        var desired = Web.DependsOn("db") with { Replicas = 4, PullPolicy = PullPolicy.Always };

        Assert.Empty(ServiceDiff.Between(desired, Web));
    }

    [Fact]
    public void Between_SeveralSections_InComposeOrder()
    {
        var desired = Web.WithEnv("A", "1") with { Image = Given.WebV2, Restart = "always", User = "1000" };

        Assert.Equal(["image", "environment.A", "restart", "user"], ServiceDiff.Between(desired, Web).Select(f => f.Field));
    }
}
