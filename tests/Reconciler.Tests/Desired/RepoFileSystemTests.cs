using System.Text;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Tests.Desired;

/// <summary>
/// File-system trouble in a revision is an error of that revision at the path concerned, never an exception:
/// a symlink loop or a directory in the place of each kind of file the loaders read, and text that is not text.
/// </summary>
public class RepoFileSystemTests
{
    private const string Sha = "9f2c4e7a1b3d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8";

    private static IReadOnlyList<Diagnostic> Errors(TestRepo repo)
    {
        var result = new RepoValidator().Validate(repo.Repo);
        return [.. result.Diagnostics.Where(d => d.Severity == Severity.Error)];
    }

    private static void Loop(TestRepo repo, string path)
    {
        var full = Path.Combine(repo.Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.CreateSymbolicLink(full, Path.GetFileName(full));
    }

    private static void Dir(TestRepo repo, string path) => Directory.CreateDirectory(Path.Combine(repo.Root, path));

    private static void AssertSingleError(TestRepo repo, string expected)
    {
        var errors = Errors(repo);
        Assert.True(errors.Count == 1, "expected one error, found:\n" + string.Join("\n", errors));
        Assert.Equal(expected, errors[0].ToString());
    }

    private const string LoopReason = "too many levels of symbolic links";

    [Fact]
    public void Validate_InventoryIsSymlinkLoop_ErrorAtInventory()
    {
        using var repo = TestRepo.Valid().Delete("inventory.yaml");
        Loop(repo, "inventory.yaml");
        Assert.Contains(Errors(repo), d => d.ToString() == $"inventory.yaml:1:1: cannot read 'inventory.yaml': {LoopReason}");
    }

    [Fact]
    public void Validate_TaskFileIsSymlinkLoop_ErrorAtTheTask()
    {
        using var repo = TestRepo.Valid();
        Loop(repo, "tasks/loop.yaml");
        AssertSingleError(repo, $"tasks/loop.yaml:1:1: cannot read 'tasks/loop.yaml': {LoopReason}");
    }

    [Fact]
    public void Validate_ModelFileIsSymlinkLoop_ErrorAtTheModel()
    {
        using var repo = TestRepo.Valid();
        Loop(repo, "models/m.yaml");
        AssertSingleError(repo, $"models/m.yaml:1:1: cannot read 'models/m.yaml': {LoopReason}");
    }

    [Fact]
    public void Validate_StackDirectoryIsSymlinkLoop_ErrorAtTheStack()
    {
        using var repo = TestRepo.Valid();
        Loop(repo, "stacks/loop");
        AssertSingleError(repo, $"stacks/loop:1:1: cannot read 'stacks/loop': {LoopReason}");
    }

    [Fact]
    public void Validate_StackYamlIsSymlinkLoop_Error()
    {
        using var repo = TestRepo.Valid().Delete("stacks/app/stack.yaml");
        Loop(repo, "stacks/app/stack.yaml");
        AssertSingleError(repo, $"stacks/app/stack.yaml:1:1: cannot read 'stacks/app/stack.yaml': {LoopReason}");
    }

    [Fact]
    public void Validate_ComposeFileIsSymlinkLoop_Error()
    {
        using var repo = TestRepo.Valid().Delete("stacks/app/compose.yaml");
        Loop(repo, "stacks/app/compose.yaml");
        AssertSingleError(repo, $"stacks/app/compose.yaml:1:1: cannot read 'stacks/app/compose.yaml': {LoopReason}");
    }

    [Fact]
    public void Validate_DotEnvIsSymlinkLoop_Error()
    {
        using var repo = TestRepo.Valid();
        Loop(repo, "stacks/app/.env");
        AssertSingleError(repo, $"stacks/app/.env:1:1: cannot read 'stacks/app/.env': {LoopReason}");
    }

    [Fact]
    public void Validate_EnvFileIsSymlinkLoop_ErrorWhereItIsReferenced()
    {
        using var repo = TestRepo.Valid().Write("stacks/app/compose.yaml", "services:\n  web:\n    image: busybox\n    env_file: app.env\n");
        Loop(repo, "stacks/app/app.env");
        AssertSingleError(repo, $"stacks/app/compose.yaml:4:15: env_file 'app.env' cannot be read: {LoopReason}");
    }

    [Fact]
    public void Validate_SecretFileIsSymlinkLoop_ErrorWhereItIsReferenced()
    {
        using var repo = TestRepo.Valid().Write("stacks/app/compose.yaml", "services:\n  web:\n    image: busybox\n    secrets: [db]\nsecrets:\n  db:\n    file: db.txt\n");
        Loop(repo, "stacks/app/db.txt");
        AssertSingleError(repo, $"stacks/app/compose.yaml:7:5: secret file 'db.txt' cannot be read: {LoopReason}");
    }

    [Fact]
    public void Validate_ConfigFileIsSymlinkLoop_ErrorWhereItIsReferenced()
    {
        using var repo = TestRepo.Valid().Write("stacks/app/compose.yaml", "services:\n  web:\n    image: busybox\n    configs: [app]\nconfigs:\n  app:\n    file: app.conf\n");
        Loop(repo, "stacks/app/app.conf");
        AssertSingleError(repo, $"stacks/app/compose.yaml:7:5: config file 'app.conf' cannot be read: {LoopReason}");
    }

    [Fact]
    public void Validate_BindMountSourceIsSymlinkLoop_ErrorWhereItIsReferenced()
    {
        using var repo = TestRepo.Valid().Write("stacks/app/compose.yaml", "services:\n  web:\n    image: busybox\n    volumes: ['./conf:/etc/conf']\n");
        Loop(repo, "stacks/app/conf");
        AssertSingleError(repo, $"stacks/app/compose.yaml:4:15: bind mount source './conf' cannot be read: {LoopReason}");
    }

    [Fact]
    public void Validate_ModelSourceIsSymlinkLoop_ErrorAtSource()
    {
        using var repo = TestRepo.Valid().Write("models/m.yaml", $"targets: [prod]\nversion: 1.0.0\nsource: files/m.onnx\nsha256: {Sha}\npath: /srv/models/m\n");
        Loop(repo, "files/m.onnx");
        AssertSingleError(repo, $"models/m.yaml:3:9: source 'files/m.onnx' cannot be read: {LoopReason}");
    }

    [Fact]
    public void Validate_InventoryIsDirectory_SaysSo()
    {
        using var repo = TestRepo.Valid().Delete("inventory.yaml");
        Dir(repo, "inventory.yaml");
        Assert.Contains(Errors(repo), d => d.ToString() == "inventory.yaml:1:1: 'inventory.yaml' is a directory; expected a file");
    }

    [Fact]
    public void Validate_ComposeFileIsDirectory_SaysSo()
    {
        using var repo = TestRepo.Valid().Delete("stacks/app/compose.yaml");
        Dir(repo, "stacks/app/compose.yaml");
        AssertSingleError(repo, "stacks/app/compose.yaml:1:1: 'stacks/app/compose.yaml' is a directory; expected a file");
    }

    [Fact]
    public void Validate_DotEnvIsDirectory_SaysSo()
    {
        using var repo = TestRepo.Valid();
        Dir(repo, "stacks/app/.env");
        AssertSingleError(repo, "stacks/app/.env:1:1: 'stacks/app/.env' is a directory; expected a file");
    }

    [Fact]
    public void Validate_StackYamlIsDirectory_SaysSo()
    {
        using var repo = TestRepo.Valid().Delete("stacks/app/stack.yaml");
        Dir(repo, "stacks/app/stack.yaml");
        AssertSingleError(repo, "stacks/app/stack.yaml:1:1: 'stacks/app/stack.yaml' is a directory; expected a file");
    }

    [Fact]
    public void Validate_EnvFileIsDirectory_SaysSo()
    {
        using var repo = TestRepo.Valid().Write("stacks/app/compose.yaml", "services:\n  web:\n    image: busybox\n    env_file: app.env\n");
        Dir(repo, "stacks/app/app.env");
        AssertSingleError(repo, "stacks/app/compose.yaml:4:15: 'stacks/app/app.env' is a directory; expected a file");
    }

    [Fact]
    public void Validate_TaskFileIsDirectory_SaysSo()
    {
        using var repo = TestRepo.Valid();
        Dir(repo, "tasks/backup.yaml");
        AssertSingleError(repo, "tasks/backup.yaml:1:1: 'tasks/backup.yaml' is a directory; expected the file that defines task 'backup'");
    }

    [Fact]
    public void Validate_ModelSourceIsDirectory_SaysSo()
    {
        using var repo = TestRepo.Valid().Write("models/m.yaml", $"targets: [prod]\nversion: 1.0.0\nsource: files/m.onnx\nsha256: {Sha}\npath: /srv/models/m\n");
        Dir(repo, "files/m.onnx");
        AssertSingleError(repo, "models/m.yaml:3:9: source 'files/m.onnx' is a directory; expected a file");
    }

    [Fact]
    public void Validate_NonUtf8Byte_NotUtf8AtTheByte()
    {
        using var repo = TestRepo.Valid();
        File.WriteAllBytes(Path.Combine(repo.Root, "stacks/app/stack.yaml"), [.. Encoding.UTF8.GetBytes("targets: [prod]\n# caf"), 0xE9, .. Encoding.UTF8.GetBytes("\n")]);
        AssertSingleError(repo, "stacks/app/stack.yaml:2:6: not UTF-8: byte 0xE9 at offset 21 does not start or continue a UTF-8 character; save the file as UTF-8");
    }

    [Fact]
    public void Validate_NulByte_ReportedAtItsPosition()
    {
        using var repo = TestRepo.Valid().Write("stacks/app/stack.yaml", "targets: [prod]\nselfHeal: tr\0ue\n");
        AssertSingleError(repo, "stacks/app/stack.yaml:2:13: NUL character (byte 0x00); a config file must be text");
    }

    [Fact]
    public void Validate_NulByteInDotEnv_ReportedAtItsPosition()
    {
        using var repo = TestRepo.Valid().Write("stacks/app/.env", "A=1\nB=\0\n");
        AssertSingleError(repo, "stacks/app/.env:2:3: NUL character (byte 0x00); a config file must be text");
    }

    [Fact]
    public void Validate_Utf8WithByteOrderMarkAndMultibyteText_Valid()
    {
        using var repo = TestRepo.Valid();
        File.WriteAllBytes(Path.Combine(repo.Root, "stacks/app/stack.yaml"), [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("# café ✓\ntargets: [prod]\n")]);
        Assert.Empty(Errors(repo));
    }

    [Theory]
    [InlineData("services:\n\tweb:\n    image: x\n", 2, 1)]
    [InlineData("services:\n  web:\n    image: x\n    environment:\n\t- A=1\n", 5, 1)]
    [InlineData("services:\n  web:\n    image: x\n \t \n", 4, 2)]
    public void Validate_TabInIndentation_ReportedOnItsLine(string compose, int line, int column)
    {
        using var repo = TestRepo.Valid().Write("stacks/app/compose.yaml", compose);
        AssertSingleError(repo, $"stacks/app/compose.yaml:{line}:{column}: invalid YAML: a tab character in indentation; YAML indents with spaces only");
    }
}
