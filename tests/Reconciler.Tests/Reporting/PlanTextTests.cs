using GitOps.Daemon.Rendering;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reporting;
using GitOps.Reconciler.Stacks;
using GitOps.Reconciler.Tests.Planning;
using GitOps.Reconciler.Secrets;

namespace GitOps.Reconciler.Tests.Reporting;

public class PlanTextTests
{
    private static readonly string Mixed = PlanText.Render(SamplePlans.Mixed());

    [Fact]
    public void Render_StartsWithHost()
    {
        Assert.StartsWith("Plan for host host-1\n", Mixed, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ReplacedService_SymbolKindNameActionReasonAndFields()
    {
        Assert.Contains(
            "  -/+ service demo/web: replace (configuration changed)\n"
            + "      image: want 127.0.0.1:5000/demo/web:v2, have 127.0.0.1:5000/demo/web:v1\n",
            Mixed,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EachAction_ItsSymbol()
    {
        Assert.Contains("  + volume demo/cache: create (volume missing)\n", Mixed, StringComparison.Ordinal);
        Assert.Contains("  ~ service demo/api: update (container not running)\n      state: want running, have exited (1)\n", Mixed, StringComparison.Ordinal);
        Assert.Contains("  - service old/web: delete (stack no longer targeted at this host)\n", Mixed, StringComparison.Ordinal);
        Assert.Contains("  = volume old/data: no change (kept:", Mixed, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UpToDateResources_CountedNotListed()
    {
        Assert.DoesNotContain("demo/default", Mixed, StringComparison.Ordinal);
        Assert.Contains("stack demo: converge\n", Mixed, StringComparison.Ordinal);
        Assert.Contains("  1 resource up to date\n", Mixed, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Teardown_HeaderSaysSo()
    {
        Assert.Contains("stack old: teardown (no longer targeted at this host)\n", Mixed, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SuspendedStack_MarkedAndCountedApart()
    {
        Assert.Contains("stack paused: SUSPENDED (nothing is applied; changes shown for information)\n", Mixed, StringComparison.Ordinal);
        Assert.EndsWith(
            "\nPlan: 1 to create, 1 to update, 1 to replace, 2 to delete (2 more in suspended stacks, not applied).\n",
            Mixed,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SecretEnvironment_NeverShown()
    {
        Assert.Contains("      environment.DB_PASSWORD: changed (secret)\n", Mixed, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", Mixed, StringComparison.Ordinal);
        Assert.DoesNotContain("correct horse", Mixed, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UnmaskedSecretInPlan_MaskedAnyway()
    {
        var text = PlanText.Render(SamplePlans.WithFields(new FieldChange("environment.API_TOKEN", "tok-new", "tok-old")));

        Assert.Contains("environment.API_TOKEN: changed (secret)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OrdinaryEnvironment_Shown()
    {
        var text = PlanText.Render(SamplePlans.WithFields(new FieldChange("environment.MODE", "fast", null)));

        Assert.Contains("      environment.MODE: want fast, have (none)\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LongValue_ShortenedKeepingBothEnds()
    {
        var longValue = "start-" + new string('x', 200) + "-the-end";

        var text = PlanText.Render(SamplePlans.WithFields(new FieldChange("command", longValue, "short")));

        var line = Assert.Single(text.Split('\n'), l => l.Contains("command:", StringComparison.Ordinal));
        Assert.Contains("want start-", line, StringComparison.Ordinal);
        Assert.Contains("...", line, StringComparison.Ordinal);
        Assert.Contains("-the-end, have short", line, StringComparison.Ordinal);
        Assert.DoesNotContain(longValue, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(80, false)]
    [InlineData(81, true)]
    public void ShowValue_AtTheLimit_CutOnlyAbove(int length, bool shortened)
    {
        var shown = PlanText.ShowValue("command", new string('v', length));

        Assert.Equal(shortened, shown.Contains("...", StringComparison.Ordinal));
        Assert.True(shown.Length <= PlanText.MaxValueLength);
    }

    [Fact]
    public void ShowValue_MultiLine_StaysOnOneLine()
    {
        Assert.Equal("a\\nb", PlanText.ShowValue("labels.x", "a\nb"));
    }

    [Fact]
    public void Render_NothingToDo_SaysNoChanges()
    {
        var text = PlanText.Render(SamplePlans.UpToDate());

        Assert.Contains("stack demo: converge\n  3 resources up to date\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\nNo changes. 0 to create, 0 to update, 0 to replace, 0 to delete.\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Refusal_ShownProminently()
    {
        var text = PlanText.Render(SamplePlans.RefusingToRemoveAll());

        Assert.Contains(
            "REFUSED: would remove every stack (a, b) from this host; set policy.allowRemoveAllStacks in inventory.yaml to allow\n"
            + "Nothing is applied while a refusal stands.\n",
            text,
            StringComparison.Ordinal);
        Assert.EndsWith("Plan: 0 to create, 0 to update, 0 to replace, 4 to delete.\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoStacksAtAll_SaysSo()
    {
        var text = PlanText.Render(new Plan("lonely", ValueList<StackPlan>.Empty, ValueList<string>.Empty));

        Assert.Contains("No stacks on this host and none targeted at it.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RolledBackService_ShownAsHeldWithWhatIsHeld()
    {
        var web = Given.Service("web");
        var bad = web with { Image = Given.WebV2 };
        var context = PlanningContext.Empty with { RolledBack = PlanningContext.Empty.RolledBack.With("demo/web", ServiceSpecHash.Of(bad, ConfigHashKey.Unkeyed)) };
        var plan = Planner.Plan(Given.Desired(Given.Stack("demo", bad)), Given.Deployed(Given.Desired(Given.Stack("demo", web))), context);

        var text = PlanText.Render(plan);

        Assert.Contains(
            "  = service demo/web: no change (rolled back earlier: waiting for a new revision (or 'gitops-agent retry'))\n"
            + "      image: want 127.0.0.1:5000/demo/web:v2, have 127.0.0.1:5000/demo/web:v1\n",
            text,
            StringComparison.Ordinal);
        Assert.Contains("No changes.", text, StringComparison.Ordinal);
    }
}
