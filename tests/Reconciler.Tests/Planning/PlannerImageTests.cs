using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Stacks;

namespace GitOps.Reconciler.Tests.Planning;

public class PlannerImageTests
{
    private static readonly ServiceSpec Web = Given.Service("web");

    [Fact]
    public void Plan_LocalImageIdChangedForSameTag_Replaces()
    {
        var desired = Given.Desired(Given.Stack("demo", Web, Given.Service("api", "127.0.0.1:5000/demo/api:v1")));
        var actual = Given.Deployed(desired).WithImage(Given.Image(Given.WebV1) with { Id = "sha256:" + new string('b', 64) });

        var plan = Planner.Plan(desired, actual, PlanningContext.Empty);

        var web = plan.Service("demo", "web");
        Assert.Equal(ChangeAction.Replace, web.Action);
        Assert.Equal(PlanReasons.ImageIdChanged, web.Reason);
        Assert.Equal(new FieldChange("image.id", "sha256:bbbbbbbbbbbb", Given.ImageId(Given.WebV1)[..19]), web.Field("image.id"));
        Assert.Equal(ChangeAction.NoOp, plan.Service("demo", "api").Action);
    }

    [Fact]
    public void Plan_ImageNotPresentLocally_NoOp()
    {
        var desired = Given.Desired(Given.Stack("demo", Web));
        var actual = Given.Deployed(desired) with { Images = ValueMap<ImageInfo>.Empty };

        var plan = Planner.Plan(desired, actual, PlanningContext.Empty);

        Assert.False(plan.HasChanges);
    }

    [Fact]
    public void Plan_RegistryDigestChangedUnderPullAlways_Replaces()
    {
        var desired = Given.Desired(Given.Stack("demo", Web with { PullPolicy = PullPolicy.Always }));
        var served = "sha256:" + new string('c', 64);
        var actual = Given.Deployed(desired).WithImage(Given.Image(Given.WebV1) with { RegistryDigest = served });

        var plan = Planner.Plan(desired, actual, PlanningContext.Empty);

        var web = plan.Service("demo", "web");
        Assert.Equal(ChangeAction.Replace, web.Action);
        Assert.Equal(PlanReasons.RegistryDigestChanged, web.Reason);
        Assert.Equal(new FieldChange("image.digest", served, Given.Digest(Given.WebV1)), web.Field("image.digest"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Plan_RegistryDigestAmongRepoDigests_NoOp(bool withRepository)
    {
        var desired = Given.Desired(Given.Stack("demo", Web with { PullPolicy = PullPolicy.Always }));
        var served = (withRepository ? "127.0.0.1:5000/demo/web@" : "") + Given.Digest(Given.WebV1);
        var actual = Given.Deployed(desired).WithImage(Given.Image(Given.WebV1) with { RegistryDigest = served });

        var plan = Planner.Plan(desired, actual, PlanningContext.Empty);

        Assert.False(plan.HasChanges);
    }

    [Fact]
    public void Plan_RegistryDigestChangedUnderPullMissing_Ignored()
    {
        var desired = Given.Desired(Given.Stack("demo", Web));
        var actual = Given.Deployed(desired).WithImage(Given.Image(Given.WebV1) with { RegistryDigest = "sha256:" + new string('c', 64) });

        var plan = Planner.Plan(desired, actual, PlanningContext.Empty);

        Assert.False(plan.HasChanges);
    }
}
