using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Diagnostics;
using static GitOps.Reconciler.Tests.Compose.ComposeAssert;

namespace GitOps.Reconciler.Tests.Compose;

/// <summary>Bad input: each case asserts the exact message and the exact line and column.</summary>
public class ComposeLoaderErrorTests
{
    private const string Web = "services:\n  web:\n    image: x\n";

    [Fact]
    public void Load_MalformedYaml_InvalidYamlAtPosition() =>
        Fails("services:\n  web:\n    image: x\n  - oops\n", 4, 3, "invalid YAML: While parsing a block mapping, did not find expected key.");

    [Fact]
    public void Load_UnclosedFlowList_InvalidYamlNotCrash() =>
        Fails("services:\n  web:\n    image: [x\n    ports: 1\n", 3, 12, "invalid YAML: the document cannot be parsed past this point (an unclosed '[' or '{'?)");

    [Fact]
    public void Load_SeveralDocuments_Refused() =>
        Fails(Web + "---\nservices: {}\n", 5, 1, "expected a single YAML document, found several");

    [Fact]
    public void Load_RootNotMapping_WrongType() =>
        Fails("- web\n", 1, 1, "expected a mapping for the compose file, found a list");

    [Fact]
    public void Load_PortsNotList_WrongType() =>
        Fails(Web + "    ports: 8080\n", 4, 12, "expected a list for 'ports' of service 'web', found '8080'");

    [Fact]
    public void Load_BoolNotBool_WrongType() =>
        Fails(Web + "    privileged: maybe\n", 4, 17, "expected true or false for 'privileged', found 'maybe'");

    [Fact]
    public void Load_ServiceNotMapping_WrongType() =>
        Fails("services:\n  web: nginx\n", 2, 8, "expected a mapping for service 'web', found 'nginx'");

    [Theory]
    [InlineData("develop: {}", "develop")]
    [InlineData("device_cgroup_rules: [\"c 1:3 mr\"]", "device_cgroup_rules")]
    [InlineData("volumes_from: [db]", "volumes_from")]
    [InlineData("extends: {service: base}", "extends")]
    [InlineData("shm_size: 1g", "shm_size")]
    public void Load_UnsupportedServiceKey_ErrorAtKey(string line, string key) =>
        Fails(Web + "    " + line + "\n", 4, 5, "unsupported: " + key);

    [Fact]
    public void Load_BuildWithoutImage_Unsupported() =>
        Fails("services:\n  web:\n    build: .\n", 3, 5, "unsupported: build without image; add 'image:' with an image CI built, or let the agent build it on the host with 'policy: {allowBuild: true}' in stacks/app/stack.yaml");

    [Fact]
    public void Load_DeployMode_Unsupported() =>
        Fails(Web + "    deploy:\n      mode: global\n", 5, 7, "unsupported: deploy.mode");

    [Fact]
    public void Load_ExternalSecret_Unsupported() =>
        Fails(Web + "    secrets: [s]\nsecrets:\n  s:\n    external: true\n", 7, 5, "unsupported: external");

    [Fact]
    public void Load_PullPolicyBuild_Unsupported() =>
        Fails(Web + "    pull_policy: build\n", 4, 18, "unsupported: pull_policy: build");

    [Fact]
    public void Load_TopLevelInclude_Unsupported() =>
        Fails("include: [other.yaml]\n" + Web, 1, 1, "unsupported: include");

    [Fact]
    public void Load_UnknownServiceKey_ListsExpectedKeys() =>
        Fails(Web + "    imagee: y\n", 4, 5, "unknown key 'imagee' in service 'web'; expected one of: " + string.Join(", ", ComposeKeys.Service));

    [Fact]
    public void Load_UnknownTopLevelKey_ListsExpectedKeys() =>
        Fails(Web + "servics: {}\n", 4, 1, "unknown key 'servics' in the compose file; expected one of: " + string.Join(", ", ComposeKeys.TopLevel));

    [Fact]
    public void Load_UnknownHealthcheckKey_Error() =>
        Fails(Web + "    healthcheck:\n      tset: true\n", 5, 7, "unknown key 'tset' in 'healthcheck' of service 'web'; expected one of: " + string.Join(", ", ComposeKeys.Healthcheck));

    [Fact]
    public void Load_MissingRequiredVariable_ErrorAtScalar() =>
        Fails("services:\n  web:\n    image: \"ocr:${TAG:?set TAG in the inventory}\"\n", 3, 12, "required variable 'TAG' is missing a value: set TAG in the inventory");

    [Fact]
    public void Load_InvalidInterpolation_ErrorAtScalar() =>
        Fails(Web + "    hostname: ${HOST\n", 4, 15, "invalid interpolation in '${HOST': expected ${NAME} with an optional :-, -, :?, ?, :+ or + modifier");

    [Fact]
    public void Load_DependencyCycle_PathReported() =>
        Fails("services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [c]\n  c:\n    image: x\n    depends_on: [a]\n", 4, 18, "dependency cycle: a -> b -> c -> a");

    [Fact]
    public void Load_SelfDependency_Cycle() =>
        Fails("services:\n  a:\n    image: x\n    depends_on:\n      a:\n        condition: service_started\n", 5, 7, "dependency cycle: a -> a");

    [Fact]
    public void Load_DependsOnUnknownService_Error() =>
        Fails(Web + "    depends_on: [nope]\n", 4, 18, "service 'web' refers to undefined service 'nope' in depends_on");

    [Fact]
    public void Load_UndeclaredNetwork_Error() =>
        Fails(Web + "    networks: [front]\n", 4, 16, "service 'web' uses network 'front', which is not declared under top-level 'networks'");

    [Fact]
    public void Load_UndeclaredVolume_Error() =>
        Fails(Web + "    volumes:\n      - data:/data\n", 5, 9, "service 'web' uses volume 'data', which is not declared under top-level 'volumes'");

    [Fact]
    public void Load_UndeclaredSecret_Error() =>
        Fails(Web + "    secrets: [token]\n", 4, 15, "service 'web' uses secret 'token', which is not declared under top-level 'secrets'");

    [Fact]
    public void Load_EnvFileAbsolutePath_Error() =>
        Fails(Web + "    env_file: /etc/passwd\n", 4, 15, "env_file '/etc/passwd' is an absolute path; expected a path relative to 'stacks/app' inside the repository");

    [Fact]
    public void Load_EnvFileEscapingRepo_Error() =>
        Fails(Web + "    env_file:\n      - ../../../etc/passwd\n", 5, 9, "env_file '../../../etc/passwd' points outside the repository");

    [Fact]
    public void Load_EnvFileMissing_Error() =>
        Fails(Web + "    env_file: app.env\n", 4, 15, "file 'stacks/app/app.env' does not exist");

    [Fact]
    public void Load_EnvFileSymlinkOutside_Error()
    {
        using var repo = new TempRepo();
        using var outside = new TempRepo();
        outside.Write("secret.env", "TOKEN=stolen\n");
        File.CreateSymbolicLink(Path.Combine(repo.StackPath, "link.env"), Path.Combine(outside.Root, "secret.env"));
        Fails(repo, Web + "    env_file: link.env\n", 4, 15, "env_file 'link.env' is a symlink pointing outside the repository");
    }

    [Fact]
    public void Load_EnvFileBadLine_ErrorInEnvFile()
    {
        using var repo = new TempRepo();
        repo.Write("stacks/app/app.env", "A=1\nnot a pair\n");
        Fails(repo, Web + "    env_file: app.env\n", 2, 1, "invalid variable name 'not a pair'; expected KEY=value with a name of letters, digits and '_'", file: "stacks/app/app.env");
    }

    [Fact]
    public void Load_BindMountEscapingRepo_Error() =>
        Fails(Web + "    volumes:\n      - ../../../etc:/host-etc\n", 5, 9, "bind mount source '../../../etc' points outside the repository");

    [Fact]
    public void Load_BindMountSymlinkOutside_Error()
    {
        using var repo = new TempRepo();
        using var outside = new TempRepo();
        Directory.CreateSymbolicLink(Path.Combine(repo.StackPath, "data"), outside.Root);
        Fails(repo, Web + "    volumes: [\"./data:/data\"]\n", 4, 15, "bind mount source './data' is a symlink pointing outside the repository");
    }

    [Fact]
    public void Load_SecretFileEscapingRepo_Error() =>
        Fails(Web + "    secrets: [s]\nsecrets:\n  s:\n    file: ../../../etc/shadow\n", 7, 5, "secret file '../../../etc/shadow' points outside the repository");

    [Fact]
    public void Load_SecretVariableMissing_Error() =>
        Fails(Web + "    secrets: [s]\nsecrets:\n  s:\n    environment: TOKEN\n", 7, 5, "secret 's' takes its content from variable 'TOKEN', which is not set for this host");

    [Fact]
    public void Load_AliasBomb_Refused()
    {
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
        for (var level = 'b'; level <= 'h'; level++)
        {
            var previous = (char)(level - 1);
            bomb += $"{level}: &{level} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}]\n";
        }
        Fails(bomb + Web, 1, 1, "document expands to more than 100000 nodes through aliases; refused");
    }

    [Fact]
    public void Load_TooLargeFile_Refused()
    {
        using var repo = new TempRepo(maxFileBytes: 64);
        var compose = Web + "    environment:\n      PADDING: \"" + new string('x', 100) + "\"\n";
        Fails(repo, compose, 1, 1, $"file 'stacks/app/compose.yaml' is {compose.Length} bytes; files larger than 64 bytes are refused");
    }

    [Fact]
    public void Load_InvalidDuration_Error() =>
        Fails(Web + "    healthcheck:\n      test: \"true\"\n      interval: 10\n", 6, 17, "invalid duration '10' for 'interval'; expected " + DurationParser.Expected);

    [Fact]
    public void Load_InvalidSize_Error() =>
        Fails(Web + "    mem_limit: lots\n", 4, 16, "invalid size 'lots' for 'mem_limit'; expected " + ByteSizeParser.Expected);

    [Fact]
    public void Load_InvalidCpus_Error() =>
        Fails(Web + "    cpus: many\n", 4, 11, "invalid value 'many' for 'cpus'; expected " + CpuParser.Expected);

    [Fact]
    public void Load_InvalidPort_Error() =>
        Fails(Web + "    ports:\n      - \"80:80/icmp\"\n", 5, 9, "invalid port '80:80/icmp' in service 'web': unknown protocol 'icmp'; expected tcp, udp or sctp");

    [Fact]
    public void Load_LongPortWithoutTarget_Error() =>
        Fails(Web + "    ports:\n      - published: 8080\n", 5, 9, "a port of service 'web' needs 'target', the container port");

    [Fact]
    public void Load_InvalidRestart_Error() =>
        Fails(Web + "    restart: sometimes\n", 4, 14, "invalid restart policy 'sometimes'; expected no, always, on-failure[:max-retries] or unless-stopped");

    [Fact]
    public void Load_ScaleConflictsWithReplicas_Error() =>
        Fails(Web + "    scale: 2\n    deploy:\n      replicas: 3\n", 4, 5, "service 'web' sets 'scale: 2' and 'deploy.replicas: 3'; set only one of them");

    [Fact]
    public void Load_MissingImage_Error() =>
        Fails("services:\n  web:\n    restart: always\n", 2, 3, "service 'web' has no 'image'; expected an image reference like registry/name:tag");

    [Fact]
    public void Load_NetworksWithNetworkMode_Error() =>
        Fails(Web + "    network_mode: host\n    networks: [default]\n", 5, 5, "service 'web' sets both 'networks' and 'network_mode'; use one of them");

    [Fact]
    public void Load_InvalidProjectName_Error() =>
        Fails("name: My_Project\n" + Web, 1, 7, "invalid project name 'My_Project'; expected " + ProjectName.ExpectedProject);

    [Fact]
    public void Load_UlimitSoftAboveHard_Error() =>
        Fails(Web + "    ulimits:\n      nofile:\n        soft: 10\n        hard: 5\n", 6, 9, "ulimit 'nofile' has soft 10 above hard 5; expected soft <= hard");

    [Fact]
    public void Load_HealthcheckListWithoutForm_Error() =>
        Fails(Web + "    healthcheck:\n      test: [curl, -f, http://localhost]\n", 5, 13, "invalid healthcheck test; expected a string, or a list starting with CMD, CMD-SHELL or NONE");

    [Fact]
    public void Load_InvalidDependencyCondition_Error() =>
        Fails("services:\n  web:\n    image: x\n    depends_on:\n      db:\n        condition: healthy\n  db:\n    image: d\n", 6, 20, "invalid condition 'healthy'; expected service_started, service_healthy or service_completed_successfully");

    [Fact]
    public void Load_RelativeMountTarget_Error() =>
        Fails(Web + "    volumes: [\"./html:html\"]\n", 4, 15, "invalid mount target 'html' in service 'web'; expected an absolute container path");

    [Fact]
    public void Load_ExternalNetworkWithDriver_Error() =>
        Fails(Web + "    networks: [proxy]\nnetworks:\n  proxy:\n    external: true\n    driver: overlay\n", 8, 5, "'driver' cannot be set on external network 'proxy'; only 'name' may accompany 'external: true'");

    [Fact]
    public void Load_RequiredDependencyOnInactiveProfile_Error() =>
        Fails(Web + "    depends_on: [debug]\n  debug:\n    image: d\n    profiles: [debug]\n", 4, 18, "service 'web' needs service 'debug' (depends_on), which is not enabled by the active profiles");

    [Fact]
    public void Load_LinkToUnknownService_Error() =>
        Fails(Web + "    links: [db:database]\n", 4, 13, "service 'web' refers to undefined service 'db' in links");

    [Fact]
    public void Load_NetworkModeServiceCycle_Error() =>
        Fails("services:\n  a:\n    image: x\n    network_mode: service:b\n  b:\n    image: x\n    links: [a]\n", 4, 19, "dependency cycle: a -> b -> a");

    [Fact]
    public void Load_ReservationsCpus_Unsupported() =>
        Fails(Web + "    deploy:\n      resources:\n        reservations:\n          cpus: \"1\"\n", 7, 11, "unsupported: deploy.resources.reservations.cpus");

    [Fact]
    public void Load_SecretContent_Unsupported() =>
        Fails(Web + "secrets:\n  c:\n    content: hello\n", 6, 5, "unknown key 'content' in secret 'c'; expected one of: environment, file");

    [Fact]
    public void Load_ConfigContentAndFile_ExactlyOne() =>
        Fails(Web + "configs:\n  c:\n    content: hello\n    file: a.txt\n", 5, 3, "config 'c' needs exactly one of 'file', 'environment' or 'content'");

    [Fact]
    public void Load_SecretWithBothSources_Error() =>
        Fails(Web + "secrets:\n  s:\n    file: a.txt\n    environment: A\n", 5, 3, "secret 's' needs exactly one of 'file' or 'environment'");

    [Fact]
    public void Load_EnvFileFormat_Unsupported() =>
        Fails(Web + "    env_file:\n      - path: a.env\n        format: raw\n", 6, 9, "unsupported: env_file.format");

    [Fact]
    public void Load_VolumeTypeNpipe_Unsupported() =>
        Fails(Web + "    volumes:\n      - type: npipe\n        source: x\n        target: /x\n", 5, 15, "unsupported: volume type 'npipe'");

    [Fact]
    public void Load_VolumeOptionUnknown_Invalid() =>
        Fails(Web + "    volumes: [\"./a:/a:ro,zz\"]\n", 4, 15, "invalid volume option 'zz' in service 'web'; expected ro, rw, z, Z, nocopy, a propagation (rprivate, private, rshared, shared, rslave, slave) or cached, delegated, consistent");

    [Fact]
    public void Load_TmpfsRelativePath_Error() =>
        Fails(Web + "    tmpfs: run\n", 4, 12, "invalid tmpfs 'run' in service 'web'; expected an absolute container path, optionally followed by :options");

    [Fact]
    public void Load_ExtraHostWithoutAddress_Error() =>
        Fails(Web + "    extra_hosts: [db]\n", 4, 19, "invalid extra host 'db' in service 'web'; expected name:address or name=address");

    [Fact]
    public void Load_PortName_Unsupported() =>
        Fails(Web + "    ports:\n      - target: 80\n        name: web\n        mode: ingress\n", 6, 9, "unsupported: ports.name");

    [Fact]
    public void Load_PortModeIngress_Unsupported() =>
        Fails(Web + "    ports:\n      - target: 80\n        mode: ingress\n", 6, 15, "unsupported: ports.mode: ingress");

    [Fact]
    public void Load_ContainerNameWithReplicas_Error() =>
        Fails(Web + "    container_name: web\n    scale: 2\n", 4, 5, "service 'web' sets 'container_name' and runs 2 replicas; container names must be unique, so use one or the other");

    [Fact]
    public void Load_InvalidServiceName_Error() =>
        Fails("services:\n  \"web app\":\n    image: x\n", 2, 3, "invalid service name 'web app'; expected " + ProjectName.ExpectedService);

    [Fact]
    public void Load_ExternalVolumeWithDriver_Error() =>
        Fails(Web + "volumes:\n  v:\n    external: true\n    driver: local\n", 7, 5, "'driver' cannot be set on external volume 'v'; only 'name' may accompany 'external: true'");

    [Fact]
    public void Load_InvalidSecretMode_Error() =>
        Fails(Web + "    secrets:\n      - source: s\n        mode: 0999\n" + "secrets:\n  s:\n    environment: S\n", 6, 15, "invalid mode '0999'; expected an octal file mode like 0440", Vars(("S", "x")));

    [Fact]
    public void Load_NoServices_Error() =>
        Fails("name: app\n", 1, 1, "the compose file has no 'services'; expected a mapping of service names to services");

    [Fact]
    public void Load_DeeplyNested_RefusedWithoutCrash() =>
        Fails(Web + "x-deep: " + new string('[', 100_000) + new string(']', 100_000) + "\n", 4, 108, "document nests deeper than 100 levels; refused");

    [Fact]
    public void Load_InvalidIpv4Address_Error() =>
        Fails(Web + "    networks:\n      front:\n        ipv4_address: 10.0.0.300\nnetworks:\n  front:\n", 6, 23, "invalid ipv4_address '10.0.0.300'; expected an IPv4 address");

    [Fact]
    public void Load_InvalidNetworkMode_Error() =>
        Fails(Web + "    network_mode: \"service:\"\n", 4, 19, "invalid network_mode 'service:'; expected none, host, bridge, service:<name> or container:<name>");

    [Fact]
    public void Load_UnnamableStackDirectory_AsksForName()
    {
        using var repo = new TempRepo();
        repo.Write("stacks/___/compose.yaml", Web);
        var bag = new DiagnosticBag();
        var source = new ComposeSource(repo.Repo, "stacks/___", "stacks/___/compose.yaml", "___", new Dictionary<string, string>(), []);
        Assert.Null(ComposeLoader.Load(source, bag));
        Assert.Equal("stacks/___/compose.yaml:1:1: '___' cannot be made a project name; set 'name:' with " + ProjectName.ExpectedProject, Assert.Single(bag.Items).ToString());
    }

    [Fact]
    public void Load_ImageEmptyAfterInterpolation_Error() =>
        Fails("services:\n  web:\n    image: ${TAG}\n", 3, 12, "'image' of service 'web' is empty; expected an image reference like registry/name:tag");

    [Fact]
    public void Load_TwoSecretsAtOneTarget_Error() =>
        Fails(Web + "    secrets:\n      - a\n      - source: b\n        target: a\nsecrets:\n  a:\n    environment: A\n  b:\n    environment: A\n", 6, 9, "service 'web' puts more than one secret at '/run/secrets/a'", Vars(("A", "x")));

    [Fact]
    public void Load_DependencyOnBrokenService_OnlyItsOwnError()
    {
        using var repo = new TempRepo();
        var (stack, bag) = repo.Load(Web + "    depends_on: [db]\n  db: [not, a, mapping]\n");
        Assert.Null(stack);
        Assert.Equal("stacks/app/compose.yaml:5:7: expected a mapping for service 'db', found a list", Assert.Single(bag.Items).ToString());
    }

    [Fact]
    public void Load_DuplicateKey_Error() =>
        Fails(Web + "    image: y\n", 4, 5, "invalid YAML: Duplicate key image");

    [Fact]
    public void Load_LegacyLimitConflictsWithDeploy_Error() =>
        Fails(Web + "    mem_limit: 1g\n    deploy:\n      resources:\n        limits:\n          memory: 2g\n", 4, 5, "service 'web' sets 'mem_limit' and 'deploy.resources.limits.memory' to different values; set only one of them");

    [Fact]
    public void Load_SeveralErrors_AllReported()
    {
        using var repo = new TempRepo();
        var (stack, bag) = repo.Load("services:\n  web:\n    image: x\n    restart: sometimes\n    mem_limit: lots\n    shm_size: 1g\n  api:\n    depends_on: [nope]\n");
        Assert.Null(stack);
        Assert.Equal(
            ["4:14", "5:16", "6:5", "7:3", "8:18"],
            bag.Sorted().Select(d => $"{d.Position.Line}:{d.Position.Column}"));
    }
}
