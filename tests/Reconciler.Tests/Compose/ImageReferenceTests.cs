using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Tests.Desired;
using static GitOps.Reconciler.Tests.Compose.ComposeAssert;

namespace GitOps.Reconciler.Tests.Compose;

public class ImageReferenceTests
{
    private const string Digest = "sha256:9f2c4e7a1b3d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8";

    [Theory]
    [InlineData("busybox")]
    [InlineData("busybox:1.36")]
    [InlineData("library/busybox:latest")]
    [InlineData("127.0.0.1:5000/demo/chatbot:2.0.1")]
    [InlineData("localhost/app:v1")]
    [InlineData("localhost:5000/app")]
    [InlineData("registry.ml.example.com/platform/ocr:1.4.2")]
    [InlineData("[::1]:5000/app:1")]
    [InlineData("Registry.Example.com/app:1")]
    [InlineData("my-org/my__app.v2:1.0_rc-3")]
    [InlineData("app:" + "A_1.x-y")]
    [InlineData("app@" + Digest)]
    [InlineData("app:1.0@" + Digest)]
    public void Problem_ValidReference_Null(string reference) => Assert.Null(ImageReference.Problem(reference));

    [Theory]
    [InlineData("chatbot:Bad Tag!!", "it contains a space")]
    [InlineData("chatbot:bad!", "the tag 'bad!' is not valid: a tag has 1 to 128 letters, digits, '_', '.' and '-', and does not start with '.' or '-'")]
    [InlineData("chatbot:", "the tag '' is not valid: a tag has 1 to 128 letters, digits, '_', '.' and '-', and does not start with '.' or '-'")]
    [InlineData("chatbot:-x", "the tag '-x' is not valid: a tag has 1 to 128 letters, digits, '_', '.' and '-', and does not start with '.' or '-'")]
    [InlineData("Chatbot:1", "the repository path 'Chatbot' must be lowercase")]
    [InlineData("team/Chatbot:1", "the repository path 'team/Chatbot' must be lowercase")]
    [InlineData("/chatbot:1", "the repository path '/chatbot' has an empty component")]
    [InlineData("registry.example.com//chatbot", "the repository path '/chatbot' has an empty component")]
    [InlineData("team/-bot", "'-bot' in the repository path is not valid: a component has lowercase letters and digits, separated by '.', '_', '__' or dashes")]
    [InlineData("reg_istry.example.com/bot", "the registry 'reg_istry.example.com' is not valid: expected a host name or IP address with an optional :port")]
    [InlineData(":1", "it has no repository name")]
    [InlineData("app@sha256:abc", "the digest 'sha256:abc' is not valid: sha256 has 64 hex digits, found 3")]
    [InlineData("app@sha256:9F2C4E7A1B3D5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8", "the digest 'sha256:9F2C4E7A1B3D5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8' is not valid: 'F' is not a lowercase hexadecimal digit")]
    [InlineData("app@latest", "the digest 'latest' is not valid: expected algorithm:hex, such as sha256:<64 hex digits>")]
    public void Problem_InvalidReference_SaysWhichPart(string reference, string problem) =>
        Assert.Equal(problem, ImageReference.Problem(reference));

    [Fact]
    public void Load_InterpolatedTagInvalid_ErrorAtImage() => Fails(
        "services:\n  web:\n    image: chatbot:${TAG}\n",
        3, 12, "invalid image 'chatbot:Bad Tag!!' for service 'web': it contains a space", Vars(("TAG", "Bad Tag!!")));

    [Fact]
    public void Validate_HostVariableMakesImageInvalid_ErrorForThatHostOnly()
    {
        using var repo = ExampleRepo.Copy();
        var inventory = File.ReadAllText(Path.Combine(repo.Root, "inventory.yaml"));
        repo.Write("inventory.yaml", inventory.Replace("  ocr-staging-1: {}", "  ocr-staging-1:\n    vars:\n      CHATBOT_TAG: 'Bad Tag!!'", StringComparison.Ordinal));
        var result = new RepoValidator().Validate(repo.Repo);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal("stacks/chatbot/compose.yaml:4:12: invalid image 'registry.ml.example.com/platform/chatbot:Bad Tag!!' for service 'chatbot': it contains a space", error.ToString());
        Assert.True(new RepoValidator().Validate(repo.Repo, "demo").IsValid);
    }

    [Fact]
    public void Validate_TaskImageInvalidForHost_Error()
    {
        using var repo = TestRepo.Valid().Write("tasks/t.yaml", "targets: [prod]\nschedule: '@daily'\nimage: t:${TAG:-x!}\n");
        var result = new RepoValidator(FakeCompose.Load).Validate(repo.Repo);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal("tasks/t.yaml:3:8: invalid image 't:x!' of task 't' for host 'web-1': the tag 'x!' is not valid: a tag has 1 to 128 letters, digits, '_', '.' and '-', and does not start with '.' or '-'", error.ToString());
    }
}
