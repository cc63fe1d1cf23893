using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Tests.Desired;

/// <summary>
/// One mistake at a time in an otherwise valid repo: each must be reported exactly once (even though the
/// repo is validated for several hosts), with its file, line, column and a message saying what was expected.
/// </summary>
public class BadInputTests
{
    private const string Sha = "9f2c4e7a1b3d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8";

    private static string ModelFile(string path = "/srv/models/m", string sha = Sha) =>
        $"targets: [prod]\nversion: 1.0.0\nsource: https://models.example.com/m.onnx\nsha256: {sha}\npath: {path}\n";

    private static Diagnostic SingleError(TestRepo repo)
    {
        var result = new RepoValidator(FakeCompose.Load).Validate(repo.Repo);
        var errors = result.Diagnostics.Where(d => d.Severity == Severity.Error).ToList();
        Assert.True(errors.Count == 1, "expected one error, found:\n" + string.Join("\n", result.Diagnostics));
        return errors[0];
    }

    private static void AssertError(TestRepo repo, string expected)
    {
        using (repo)
        {
            Assert.Equal(expected, SingleError(repo).ToString());
        }
    }

    [Fact]
    public void Inventory_UnknownTopLevelKey_Error() => AssertError(
        TestRepo.Valid().Write("inventory.yaml", TestRepo.Inventory + "\nhots: {}\n"),
        "inventory.yaml:9:1: unknown key 'hots' in inventory.yaml; expected one of: groups, hosts, vars, policy, rollout");

    [Fact]
    public void Inventory_UnknownKeyInHost_Error() => AssertError(
        TestRepo.Valid().Write("inventory.yaml", "groups:\n  prod:\n    hosts: [web-1]\nhosts:\n  web-1:\n    var: {A: 1}\n"),
        "inventory.yaml:6:5: unknown key 'var' in host 'web-1'; expected one of: groups, vars");

    [Fact]
    public void Inventory_UnknownGroupInHost_Error() => AssertError(
        TestRepo.Valid().Write("inventory.yaml", "groups:\n  prod:\n    hosts: [web-1]\nhosts:\n  web-1:\n    groups: [prod, gpu]\n"),
        "inventory.yaml:6:20: unknown group 'gpu' for host 'web-1'; groups must be defined under 'groups:'");

    [Fact]
    public void Inventory_UnknownHostInGroup_Error() => AssertError(
        TestRepo.Valid().Write("inventory.yaml", "groups:\n  prod:\n    hosts: [web-1, web-9]\nhosts:\n  web-1: {}\n"),
        "inventory.yaml:3:20: unknown host 'web-9' in group 'prod'; every host must be listed under 'hosts:'");

    [Fact]
    public void Inventory_NameIsHostAndGroup_Error() => AssertError(
        TestRepo.Valid().Write("inventory.yaml", "groups:\n  prod:\n    hosts: [web-1]\n  web-2: {}\nhosts:\n  web-1: {}\n  web-2: {}\n"),
        "inventory.yaml:7:3: 'web-2' is both a host and a group (also at line 4); host and group names share one namespace");

    [Fact]
    public void Inventory_VarsNotAMapping_Error() => AssertError(
        TestRepo.Valid().Write("inventory.yaml", TestRepo.Inventory + "\nvars: [A, B]\n"),
        "inventory.yaml:9:7: expected a mapping for 'vars' of inventory.yaml, found a list");

    [Fact]
    public void Inventory_VariableValueIsAMapping_Error() => AssertError(
        TestRepo.Valid().Write("inventory.yaml", TestRepo.Inventory + "\nvars:\n  TAG: {a: 1}\n"),
        "inventory.yaml:10:8: expected a string, number or boolean for variable 'TAG', found a mapping");

    [Fact]
    public void Inventory_InvalidVariableName_Error() => AssertError(
        TestRepo.Valid().Write("inventory.yaml", TestRepo.Inventory + "\nvars:\n  OCR-TAG: 1\n"),
        "inventory.yaml:10:3: invalid variable name 'OCR-TAG'; expected letters, digits and '_', not starting with a digit");

    [Fact]
    public void Inventory_PolicyNotBoolean_Error() => AssertError(
        TestRepo.Valid().Write("inventory.yaml", TestRepo.Inventory + "\npolicy:\n  allowRemoveAllStacks: sometimes\n"),
        "inventory.yaml:10:25: expected true or false for 'allowRemoveAllStacks', found 'sometimes'");

    [Fact]
    public void Inventory_MalformedYaml_Error() => AssertError(
        TestRepo.Valid().Write("inventory.yaml", "hosts:\n  web-1: {}\n groups: [\n"),
        "inventory.yaml:3:2: invalid YAML: While parsing a block mapping, did not find expected key.");

    [Fact]
    public void Inventory_AliasBomb_Refused() => AssertError(
        TestRepo.Valid().Write("inventory.yaml", AliasBomb()),
        $"inventory.yaml:1:1: document expands to more than {Reconciler.Yaml.YamlFile.MaxExpandedNodes} nodes through aliases; refused");

    [Fact]
    public void Inventory_Missing_Error() => AssertError(
        TestRepo.Valid().Delete("inventory.yaml"),
        "inventory.yaml:1:1: file 'inventory.yaml' does not exist");

    [Fact]
    public void Inventory_Oversized_Refused()
    {
        using var repo = new TestRepo(maxFileBytes: 1000);
        repo.Write("inventory.yaml", TestRepo.Inventory + "\nvars:\n" + string.Concat(Enumerable.Range(0, 100).Select(i => $"  V{i}: value\n")));
        var size = new FileInfo(Path.Combine(repo.Root, "inventory.yaml")).Length;
        Assert.Equal($"inventory.yaml:1:1: file 'inventory.yaml' is {size} bytes; files larger than 1000 bytes are refused", SingleError(repo).ToString());
    }

    [Fact]
    public void StackYaml_UnknownKey_Error() => AssertError(
        TestRepo.Valid().Write("stacks/app/stack.yaml", "targets: [prod]\nselfheal: false\n"),
        "stacks/app/stack.yaml:2:1: unknown key 'selfheal' in stacks/app/stack.yaml; expected one of: targets, variables, profiles, suspended, selfHeal, removeVolumes, policy, sensitive");

    [Fact]
    public void StackYaml_UnknownTarget_Error() => AssertError(
        TestRepo.Valid().Write("stacks/app/stack.yaml", "targets:\n  - prod\n  - prdo\n"),
        "stacks/app/stack.yaml:3:5: unknown target 'prdo'; expected a group or host defined in inventory.yaml");

    [Fact]
    public void StackYaml_MissingTargets_Error() => AssertError(
        TestRepo.Valid().Write("stacks/app/stack.yaml", "variables:\n  TAG: 1\n"),
        "stacks/app/stack.yaml:1:1: missing required key 'targets' in stack 'app'; list the groups or hosts it applies to");

    [Fact]
    public void StackYaml_EmptyFile_MissingTargets() => AssertError(
        TestRepo.Valid().Write("stacks/app/stack.yaml", "# nothing yet\n"),
        "stacks/app/stack.yaml:1:1: missing required key 'targets' in stack 'app'; list the groups or hosts it applies to");

    [Fact]
    public void StackYaml_TargetsNull_Error() => AssertError(
        TestRepo.Valid().Write("stacks/app/stack.yaml", "variables: {}\ntargets:\n"),
        "stacks/app/stack.yaml:2:9: 'targets' of stack 'app' is empty; list the groups or hosts it applies to");

    [Fact]
    public void StackYaml_EmptyTargets_Error() => AssertError(
        TestRepo.Valid().Write("stacks/app/stack.yaml", "targets: []\n"),
        "stacks/app/stack.yaml:1:10: 'targets' of stack 'app' is empty; list the groups or hosts it applies to");

    [Fact]
    public void StackYaml_SuspendedWrongType_Error() => AssertError(
        TestRepo.Valid().Write("stacks/app/stack.yaml", "targets: [prod]\nsuspended: [yes]\n"),
        "stacks/app/stack.yaml:2:12: expected true or false for 'suspended', found a list");

    [Fact]
    public void StackYaml_ProfilesNotAList_Error() => AssertError(
        TestRepo.Valid().Write("stacks/app/stack.yaml", "targets: [prod]\nprofiles: {debug: true}\n"),
        "stacks/app/stack.yaml:2:11: expected a list for 'profiles', found a mapping");

    [Fact]
    public void Stack_WithoutComposeFile_Error() => AssertError(
        TestRepo.Valid().Delete("stacks/app/compose.yaml"),
        "stacks/app:1:1: stack 'app' has no compose file; expected one of compose.yaml, compose.yml, docker-compose.yaml, docker-compose.yml");

    [Fact]
    public void Stack_TwoComposeFiles_Error() => AssertError(
        TestRepo.Valid().Write("stacks/app/docker-compose.yml", "services: {}\n"),
        "stacks/app/docker-compose.yml:1:1: stack 'app' has several compose files (compose.yaml, docker-compose.yml); keep exactly one");

    [Fact]
    public void Stack_InvalidName_Error() => AssertError(
        TestRepo.Valid().Write("stacks/My App/compose.yaml", "services: {}\n").Write("stacks/My App/stack.yaml", "targets: [prod]\n"),
        "stacks/My App:1:1: invalid stack name 'My App'; expected lowercase letters, digits, '-' and '_', starting with a letter or digit");

    [Fact]
    public void Stack_DotEnvLineWithoutEquals_Error() => AssertError(
        TestRepo.Valid().Write("stacks/app/.env", "A=1\nB\n"),
        "stacks/app/.env:2:1: expected KEY=value, found 'B' without '='");

    [Fact]
    public void Stack_DotEnvSymlinkOutsideRepo_Refused()
    {
        var repo = TestRepo.Valid();
        File.CreateSymbolicLink(Path.Combine(repo.Root, "stacks/app/.env"), "/etc/hostname");
        AssertError(repo, "stacks/app/.env:1:1: 'stacks/app/.env' points outside the repository");
    }

    [Fact]
    public void Task_UnknownKey_Error() => AssertError(
        TestRepo.Valid().Write("tasks/t.yaml", "targets: [prod]\nschedule: '@daily'\nimage: busybox\nretry: 3\n"),
        "tasks/t.yaml:4:1: unknown key 'retry' in task 't'; expected one of: targets, schedule, image, command, environment, env_file, volumes, user, working_dir, network, pull, exec, timeout, suspended, timeZone, randomDelay, concurrency, missed, startingDeadline, retries, retryDelay, runOn");

    [Fact]
    public void Task_ExecInStackTheHostDoesNotRun_Error() => AssertError(
        TestRepo.Valid().Write("tasks/t.yaml", "targets: [prod]\nschedule: '@daily'\nexec: {stack: ocr, service: worker}\ncommand: [true]\n"),
        "tasks/t.yaml:3:7: task 't' runs in stack 'ocr', which host 'web-1' does not run");

    [Fact]
    public void Task_NetworkOfNoStack_Error() => AssertError(
        TestRepo.Valid().Write("tasks/t.yaml", "targets: [prod]\nschedule: '@daily'\nimage: busybox\nnetwork: ocr_default\n"),
        "tasks/t.yaml:4:10: task 't' joins network 'ocr_default', which no stack on host 'web-1' has; expected one of (none)");

    [Fact]
    public void Task_UnknownTimeZone_Error() => AssertError(
        TestRepo.Valid().Write("tasks/t.yaml", "targets: [prod]\nschedule: '@daily'\nimage: busybox\ntimeZone: Mars/Olympus\n"),
        "tasks/t.yaml:4:11: unknown time zone 'Mars/Olympus'; expected an IANA name such as Europe/Berlin or UTC");

    [Fact]
    public void Task_ConcurrencyOutOfRange_Error() => AssertError(
        TestRepo.Valid().Write("tasks/t.yaml", "targets: [prod]\nschedule: '@daily'\nimage: busybox\nconcurrency: queue\n"),
        "tasks/t.yaml:4:14: invalid concurrency 'queue'; expected one of forbid, allow, replace");

    [Fact]
    public void Task_MissedOutOfRange_Error() => AssertError(
        TestRepo.Valid().Write("tasks/t.yaml", "targets: [prod]\nschedule: '@daily'\nimage: busybox\nmissed: all\n"),
        "tasks/t.yaml:4:9: invalid missed 'all'; expected one of runOnce, skip");

    [Fact]
    public void Task_TimeoutZero_Error() => AssertError(
        TestRepo.Valid().Write("tasks/t.yaml", "targets: [prod]\nschedule: '@daily'\nimage: busybox\ntimeout: 0s\n"),
        "tasks/t.yaml:4:10: invalid timeout '0s'; expected a duration with a unit like 30s, 1m30s, 1h or 500ms, greater than zero");

    [Fact]
    public void Task_EnvFileOutsideRepo_Error() => AssertError(
        TestRepo.Valid().Write("tasks/t.yaml", "targets: [prod]\nschedule: '@daily'\nimage: busybox\nenv_file: ../../etc/passwd\n"),
        "tasks/t.yaml:4:11: env_file '../../etc/passwd' points outside the repository");

    [Fact]
    public void Task_ExecAndImage_Error() => AssertError(
        TestRepo.Valid().Write("tasks/t.yaml", "targets: [prod]\nschedule: '@daily'\nimage: busybox\nexec: {stack: app, service: web}\ncommand: [true]\n"),
        "tasks/t.yaml:3:1: task 't' has both 'exec' and 'image'; an exec task runs in the service's running container");

    [Fact]
    public void Task_CronMinuteOutOfRange_ErrorAtField() => AssertError(
        TestRepo.Valid().Write("tasks/t.yaml", "targets: [prod]\nschedule: 0 0,61 * * *\nimage: busybox\n"),
        "tasks/t.yaml:2:15: hour value 61 is out of range 0-23");

    [Fact]
    public void Task_CronUnknownDayName_ErrorInsideQuotes() => AssertError(
        TestRepo.Valid().Write("tasks/t.yaml", "targets: [prod]\nschedule: \"0 3 * * MON,FRY\"\nimage: busybox\n"),
        "tasks/t.yaml:2:24: unknown day-of-week name 'FRY'; expected SUN-SAT or a number 0-7");

    [Fact]
    public void Task_CronWrongFieldCount_Error() => AssertError(
        TestRepo.Valid().Write("tasks/t.yaml", "targets: [prod]\nschedule: '0 0 * * * *'\nimage: busybox\n"),
        "tasks/t.yaml:2:12: schedule '0 0 * * * *' has 6 fields; expected 5 (minute hour day-of-month month day-of-week) or a macro such as @hourly");

    [Fact]
    public void Task_CronBadStep_Error() => AssertError(
        TestRepo.Valid().Write("tasks/t.yaml", "targets: [prod]\nschedule: '*/x * * * *'\nimage: busybox\n"),
        "tasks/t.yaml:2:14: invalid step 'x' in minute field; expected a whole number of at least 1");

    [Fact]
    public void Task_MissingSchedule_Error() => AssertError(
        TestRepo.Valid().Write("tasks/t.yaml", "targets: [prod]\nimage: busybox\n"),
        "tasks/t.yaml:1:1: missing required key 'schedule' in task 't'");

    [Fact]
    public void Task_RelativeVolumeSource_Error() => AssertError(
        TestRepo.Valid().Write("tasks/t.yaml", "targets: [prod]\nschedule: '@daily'\nimage: busybox\nvolumes:\n  - ./data:/data\n"),
        "tasks/t.yaml:5:5: volume source './data' must be an absolute host path or a volume name; relative paths are not allowed for tasks");

    [Fact]
    public void Task_BadTimeout_Error() => AssertError(
        TestRepo.Valid().Write("tasks/t.yaml", "targets: [prod]\nschedule: '@daily'\nimage: busybox\ntimeout: 10 minutes\n"),
        "tasks/t.yaml:4:10: invalid timeout '10 minutes'; expected a duration with a unit like 30s, 1m30s, 1h or 500ms, greater than zero");

    [Fact]
    public void Task_UndefinedVariable_ErrorPerHost() => AssertError(
        TestRepo.Valid().Write("tasks/t.yaml", "targets: [web-1]\nschedule: '@daily'\nimage: ${REGISTRY}/backup:1.0\n"),
        "tasks/t.yaml:3:8: variable 'REGISTRY' is not set for host 'web-1' and has no default; set it in inventory.yaml or write ${REGISTRY:-default}");

    [Fact]
    public void Task_DuplicateNameByExtension_Error() => AssertError(
        TestRepo.Valid()
            .Write("tasks/backup.yaml", "targets: [prod]\nschedule: '@daily'\nimage: busybox\n")
            .Write("tasks/backup.yml", "targets: [prod]\nschedule: '@daily'\nimage: busybox\n"),
        "tasks/backup.yml:1:1: duplicate task 'backup': also defined by tasks/backup.yaml");

    [Fact]
    public void Task_NotAMapping_Error() => AssertError(
        TestRepo.Valid().Write("tasks/t.yaml", "- targets: [prod]\n"),
        "tasks/t.yaml:1:1: expected a mapping for task 't', found a list");

    [Fact]
    public void Model_UnknownKey_Error() => AssertError(
        TestRepo.Valid().Write("models/m.yaml", ModelFile() + "checksum: abc\n"),
        "models/m.yaml:6:1: unknown key 'checksum' in model 'm'; expected one of: targets, version, files, source, sha256, path, consumers, onChange, keep, insecure, adopt, auth");

    [Fact]
    public void Model_ShortSha256_Error() => AssertError(
        TestRepo.Valid().Write("models/m.yaml", ModelFile(sha: "abc123")),
        "models/m.yaml:4:9: invalid sha256 'abc123'; expected exactly 64 hexadecimal digits: found 6 digits");

    [Fact]
    public void Model_NonHexSha256_Error() => AssertError(
        TestRepo.Valid().Write("models/m.yaml", ModelFile(sha: new string('g', 64))),
        $"models/m.yaml:4:9: invalid sha256 '{new string('g', 64)}'; expected exactly 64 hexadecimal digits: 'g' at character 1 is not a hexadecimal digit");

    [Fact]
    public void Model_OneNonHexCharacterInSha256_ErrorNamesItAtItsColumn() => AssertError(
        TestRepo.Valid().Write("models/m.yaml", ModelFile(sha: Sha[..20] + "x" + Sha[21..])),
        $"models/m.yaml:4:29: invalid sha256 '{Sha[..20] + "x" + Sha[21..]}'; expected exactly 64 hexadecimal digits: 'x' at character 21 is not a hexadecimal digit");

    [Fact]
    public void Model_QuotedSha256WithNonHexCharacter_PositionInsideTheQuotes() => AssertError(
        TestRepo.Valid().Write("models/m.yaml", ModelFile(sha: "'" + Sha[..63] + "z'")),
        $"models/m.yaml:4:73: invalid sha256 '{Sha[..63]}z'; expected exactly 64 hexadecimal digits: 'z' at character 64 is not a hexadecimal digit");

    [Fact]
    public void Model_RelativePath_Error() => AssertError(
        TestRepo.Valid().Write("models/m.yaml", ModelFile(path: "srv/models/m")),
        "models/m.yaml:5:7: path 'srv/models/m' must be an absolute directory on the host, such as /srv/models/m");

    [Fact]
    public void Model_PathWithDotDot_Error() => AssertError(
        TestRepo.Valid().Write("models/m.yaml", ModelFile(path: "/srv/../etc")),
        "models/m.yaml:5:7: path '/srv/../etc' must name a directory below '/' without '.' or '..' segments");

    [Fact]
    public void Model_FtpSource_Error() => AssertError(
        TestRepo.Valid().Write("models/m.yaml", ModelFile().Replace("https://", "ftp://", StringComparison.Ordinal)),
        "models/m.yaml:3:9: unsupported source scheme 'ftp' in 'ftp://models.example.com/m.onnx'; expected https://, http:// (with insecure: true), s3:// or a file path relative to the repository root");

    [Fact]
    public void Model_SourceEscapesRepo_Error() => AssertError(
        TestRepo.Valid().Write("models/m.yaml", ModelFile().Replace("https://models.example.com/m.onnx", "../outside.onnx", StringComparison.Ordinal)),
        "models/m.yaml:3:9: source '../outside.onnx' points outside the repository");

    [Fact]
    public void Model_VersionIsAList_Error() => AssertError(
        TestRepo.Valid().Write("models/m.yaml", ModelFile().Replace("version: 1.0.0", "version: [1, 0]", StringComparison.Ordinal)),
        "models/m.yaml:2:10: expected a string for 'version', found a list");

    [Fact]
    public void Model_TargetsUnknownHost_Error() => AssertError(
        TestRepo.Valid().Write("models/m.yaml", ModelFile().Replace("targets: [prod]", "targets: [prod, web-3]", StringComparison.Ordinal)),
        "models/m.yaml:1:17: unknown target 'web-3'; expected a group or host defined in inventory.yaml");

    [Fact]
    public void Model_AbsoluteSourcePath_Error() => AssertError(
        TestRepo.Valid().Write("models/m.yaml", ModelFile().Replace("https://models.example.com/m.onnx", "/etc/passwd", StringComparison.Ordinal)),
        "models/m.yaml:3:9: source '/etc/passwd' is an absolute path; expected an https://, http:// (with insecure: true) or s3:// URL, or a file path relative to the repository root");

    [Fact]
    public void Model_TwoModelsSamePathOnOneHost_Error() => AssertError(
        TestRepo.Valid().Write("models/a.yaml", ModelFile()).Write("models/b.yaml", ModelFile().Replace("[prod]", "[web-1]", StringComparison.Ordinal)),
        "models/b.yaml:5:7: models 'a' and 'b' both install to '/srv/models/m' on host 'web-1'; give each model its own directory");

    [Fact]
    public void Validate_SeveralErrors_AllReportedOnce()
    {
        using var repo = TestRepo.Valid()
            .Write("stacks/app/stack.yaml", "targets: [nobody]\n")
            .Write("tasks/t.yaml", "targets: [prod]\nschedule: '61 * * * *'\nimage: busybox\n")
            .Write("models/m.yaml", ModelFile(sha: "x"));
        var result = new RepoValidator(FakeCompose.Load).Validate(repo.Repo);
        Assert.Equal(
            [
                "models/m.yaml:4:9: invalid sha256 'x'; expected exactly 64 hexadecimal digits: 'x' at character 1 is not a hexadecimal digit",
                "stacks/app/stack.yaml:1:11: unknown target 'nobody'; expected a group or host defined in inventory.yaml",
                "tasks/t.yaml:2:12: minute value 61 is out of range 0-59",
            ],
            result.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => d.ToString()));
    }

    [Fact]
    public void Validate_StackWithoutStackYaml_WarningOnly()
    {
        using var repo = TestRepo.Valid().Delete("stacks/app/stack.yaml");
        var result = new RepoValidator(FakeCompose.Load).Validate(repo.Repo);
        Assert.True(result.IsValid);
        Assert.Equal("stacks/app:1:1: warning: stack 'app' has no stack.yaml with 'targets:', so it applies to no host", Assert.Single(result.Diagnostics).ToString());
    }

    private static string AliasBomb()
    {
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 9; i++)
        {
            var prev = $"*a{i - 1}";
            lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat(prev, 10))}]");
        }
        return string.Join('\n', lines) + "\n";
    }
}
