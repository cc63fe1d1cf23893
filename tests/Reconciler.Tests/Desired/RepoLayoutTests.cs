using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Tests.Desired;

/// <summary>Entries beside the known layout: warned about where they look like a mistake, errors where nothing can work.</summary>
public class RepoLayoutTests
{
    private static IReadOnlyList<string> Findings(TestRepo repo) =>
        [.. new RepoValidator(FakeCompose.Load).Validate(repo.Repo).Diagnostics.Select(d => d.ToString())];

    private static void AssertFindings(TestRepo repo, params string[] expected)
    {
        using (repo)
        {
            Assert.Equal(expected, Findings(repo));
        }
    }

    [Fact]
    public void Validate_MisspeltStacksDirectory_Warning() => AssertFindings(
        TestRepo.Valid().Write("stack/web/compose.yaml", "services: {}\n"),
        "stack:1:1: warning: 'stack' is not part of the repository layout and is ignored; did you mean 'stacks'?");

    [Fact]
    public void Validate_InventoryWithYmlExtension_Warning() => AssertFindings(
        TestRepo.Valid().Write("inventory.yml", "hosts: {}\n"),
        "inventory.yml:1:1: warning: 'inventory.yml' is not part of the repository layout and is ignored; did you mean 'inventory.yaml'?");

    [Fact]
    public void Validate_UnrelatedRootEntriesAndNotes_NoFinding() => AssertFindings(
        TestRepo.Valid().Write("README.md", "# fleet\n").Write("scripts/check.sh", "true\n").Write(".github/workflows/ci.yaml", "on: push\n").Write("tasks/README.md", "notes\n"));

    [Fact]
    public void Validate_JsonFileInTasks_Warning() => AssertFindings(
        TestRepo.Valid().Write("tasks/x.json", "{}\n"),
        "tasks/x.json:1:1: warning: 'tasks/x.json' is ignored: only .yaml and .yml files in tasks/ define tasks");

    [Fact]
    public void Validate_DirectoryInModels_Warning() => AssertFindings(
        TestRepo.Valid().Write("models/old/m.yaml", "x: 1\n"),
        "models/old:1:1: warning: 'models/old/' is ignored: models are the .yaml files directly in models/");

    [Fact]
    public void Validate_FileDirectlyInStacks_Warning() => AssertFindings(
        TestRepo.Valid().Write("stacks/compose.yaml", "services: {}\n"),
        "stacks/compose.yaml:1:1: warning: 'stacks/compose.yaml' is ignored: a stack is a directory stacks/<name>/ holding its compose file");

    [Theory]
    [InlineData("stacks", "stacks/<name>/compose.yaml")]
    [InlineData("tasks", "tasks/<name>.yaml")]
    [InlineData("models", "models/<name>.yaml")]
    public void Validate_LayoutDirectoryIsAFile_Error(string name, string example)
    {
        using var repo = new TestRepo().Write("inventory.yaml", TestRepo.Inventory).Write(name, "app:\n  image: x\n");
        var findings = Findings(repo);
        Assert.Contains($"{name}:1:1: '{name}' is a file; expected a directory ({example})", findings);
    }

    [Fact]
    public void Validate_StackYmlInsteadOfStackYaml_WarningNamesIt() => AssertFindings(
        TestRepo.Valid().Delete("stacks/app/stack.yaml").Write("stacks/app/stack.yml", "targets: [prod]\n"),
        "stacks/app/stack.yml:1:1: warning: 'stacks/app/stack.yml' is ignored: the file is read only as stack.yaml, so stack 'app' applies to no host");

    [Fact]
    public void Validate_ProfileSelectingNoService_WarningAtTheProfile()
    {
        using var repo = TestRepo.Valid()
            .Write("stacks/app/stack.yaml", "targets: [prod]\nprofiles: [tools, gpu]\n")
            .Write("stacks/app/compose.yaml", "services:\n  web:\n    image: busybox\n  debug:\n    image: busybox\n    profiles: [tools]\n");
        var result = new RepoValidator().Validate(repo.Repo);
        Assert.Equal(
            ["stacks/app/stack.yaml:2:19: warning: profile 'gpu' selects no service of stacks/app/compose.yaml (services list 'tools')"],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Validate_ExampleRepo_NoLayoutFindings()
    {
        var result = new RepoValidator().Validate(ExampleRepo.Open());
        // Without a key, the one finding is that the encrypted env file was checked for structure only.
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == Severity.Warning && d.ToString() != ExampleRepo.NotDecryptedWarning);
    }
}
