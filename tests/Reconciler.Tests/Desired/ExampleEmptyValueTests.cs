using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Tests.Desired;

/// <summary>The reproduction from the issue, on the example repository with the real compose loader.</summary>
public class ExampleEmptyValueTests
{
    private static string ChatbotModel(TestRepo repo, string demoVars)
    {
        var inventory = File.ReadAllText(Path.Combine(repo.Root, "inventory.yaml"));
        repo.Write("inventory.yaml", inventory.Replace("      CHATBOT_TAG: 2.0.1\n      BACKUP_TAG: \"1.0\"\n", "      CHATBOT_TAG: 2.0.1\n      BACKUP_TAG: \"1.0\"\n" + demoVars, StringComparison.Ordinal));
        var compose = File.ReadAllText(Path.Combine(repo.Root, "stacks/chatbot/compose.yaml"));
        repo.Write("stacks/chatbot/compose.yaml", compose.Replace("CHATBOT_MODEL: small", "CHATBOT_MODEL: ${EMPTYVAR}", StringComparison.Ordinal));
        var diagnostics = new DiagnosticBag();
        var state = new DesiredStateLoader().Load(repo.Repo, "demo", diagnostics);
        Assert.True(state is not null, string.Join("\n", diagnostics.Items));
        return state.Stacks["chatbot"].Compose.Services["chatbot"].Environment["CHATBOT_MODEL"];
    }

    [Fact]
    public void Render_EmptyVariableAndSameNamedHostVariable_Empty()
    {
        using var repo = ExampleRepo.Copy();
        Assert.Equal("", ChatbotModel(repo, "      EMPTYVAR: \"\"\n      CHATBOT_MODEL: other\n"));
    }

    [Fact]
    public void Render_UnsetVariableAndSameNamedHostVariable_Empty()
    {
        using var repo = ExampleRepo.Copy();
        Assert.Equal("", ChatbotModel(repo, "      CHATBOT_MODEL: other\n"));
    }
}
