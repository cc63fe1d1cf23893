using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Tests.Desired;

/// <summary>Two stacks on one host claiming the same project name, container name or host port: refused by validate, per host.</summary>
public class HostCollisionTests
{
    private static TestRepo Repo(string appCompose, string otherCompose, string otherTargets = "[prod]") => TestRepo.Valid()
        .Write("stacks/app/compose.yaml", appCompose)
        .Write("stacks/other/compose.yaml", otherCompose)
        .Write("stacks/other/stack.yaml", $"targets: {otherTargets}\n");

    private static List<string> Errors(TestRepo repo) =>
        [.. new RepoValidator().Validate(repo.Repo).Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => d.ToString())];

    [Fact]
    public void Validate_SameProjectName_ErrorAtName()
    {
        using var repo = Repo("services:\n  web:\n    image: busybox\n", "name: app\nservices:\n  api:\n    image: busybox\n");
        Assert.Equal(
            ["stacks/other/compose.yaml:1:7: stack 'other' has the compose project name 'app', as stack 'app' has (stacks/app/compose.yaml:1:1) on host 'web-1'; each stack needs its own project name, or they would manage each other's containers"],
            Errors(repo));
    }

    [Fact]
    public void Validate_SameProjectNameOnHostsThatDoNotShare_Valid()
    {
        using var repo = Repo("services:\n  web:\n    image: busybox\n", "name: app\nservices:\n  api:\n    image: busybox\n", otherTargets: "[staging]");
        Assert.Empty(Errors(repo));
    }

    [Fact]
    public void Validate_SameContainerNameInTwoStacks_Error()
    {
        using var repo = Repo("services:\n  web:\n    image: busybox\n    container_name: db\n", "services:\n  api:\n    image: busybox\n    container_name: db\n");
        Assert.Equal(
            ["stacks/other/compose.yaml:4:21: container name 'db' of service 'api' in stack 'other' is also the name of service 'web' in stack 'app' (stacks/app/compose.yaml:4:21) on host 'web-1'; container names must be unique on a host"],
            Errors(repo));
    }

    [Fact]
    public void Validate_ContainerNameEqualToAnotherStacksGeneratedName_Error()
    {
        using var repo = Repo("services:\n  web:\n    image: busybox\n", "services:\n  api:\n    image: busybox\n    container_name: app-web-1\n");
        Assert.Equal(
            ["stacks/other/compose.yaml:4:21: container name 'app-web-1' of service 'api' in stack 'other' is also the name of service 'web' in stack 'app' (stacks/app/compose.yaml:2:3) on host 'web-1'; container names must be unique on a host"],
            Errors(repo));
    }

    [Fact]
    public void Validate_SameHostPortInTwoStacks_Error()
    {
        using var repo = Repo("services:\n  web:\n    image: busybox\n    ports: ['8080:80']\n", "services:\n  api:\n    image: busybox\n    ports:\n      - '127.0.0.1:8080:8000'\n");
        Assert.Equal(
            ["stacks/other/compose.yaml:5:9: host port 127.0.0.1:8080/tcp of service 'api' in stack 'other' is already published by service 'web' in stack 'app' as 8080/tcp (stacks/app/compose.yaml:4:13) on host 'web-1'"],
            Errors(repo));
    }

    [Fact]
    public void Validate_SameHostPortTwiceInOneStack_Error()
    {
        using var repo = Repo("services:\n  web:\n    image: busybox\n    ports: ['8080:80']\n  api:\n    image: busybox\n    ports:\n      - target: 81\n        published: 8080\n", "services: {}\n");
        Assert.Equal(
            ["stacks/app/compose.yaml:8:9: host port 8080/tcp of service 'api' in stack 'app' is already published by service 'web' in stack 'app' as 8080/tcp (stacks/app/compose.yaml:4:13) on host 'web-1'"],
            Errors(repo));
    }

    [Theory]
    [InlineData("'8080:80/udp'")]
    [InlineData("'127.0.0.2:8080:80'")]
    [InlineData("'[::1]:8080:80'")]
    [InlineData("'8081:80'")]
    [InlineData("'80'")]
    public void Validate_PortsThatDoNotShareASocket_Valid(string other)
    {
        using var repo = Repo("services:\n  web:\n    image: busybox\n    ports: ['127.0.0.1:8080:80', '80']\n", $"services:\n  api:\n    image: busybox\n    ports: [{other}]\n");
        Assert.Empty(Errors(repo));
    }

    [Fact]
    public void Validate_WildcardAddressOverlapsSpecificAddress_Error()
    {
        using var repo = Repo("services:\n  web:\n    image: busybox\n    ports: ['127.0.0.1:9000:80']\n", "services:\n  api:\n    image: busybox\n    ports: ['0.0.0.0:9000:80']\n");
        Assert.Single(Errors(repo));
    }

    [Fact]
    public void Validate_FixedHostPortWithReplicas_Error()
    {
        using var repo = Repo("services:\n  web:\n    image: busybox\n    scale: 2\n    ports: ['8080:80']\n", "services: {}\n");
        Assert.Equal(
            ["stacks/app/compose.yaml:5:13: service 'web' in stack 'app' runs 2 replicas and publishes host port 8080/tcp; only one container can bind it, so leave the host port out (an ephemeral port each) or run one replica"],
            Errors(repo));
    }

    [Fact]
    public void Validate_SamePortMappingWrittenTwice_Valid()
    {
        using var repo = Repo("services:\n  web:\n    image: busybox\n    ports: ['8080:80', '8080:80']\n", "services: {}\n");
        Assert.Empty(Errors(repo));
    }
}
