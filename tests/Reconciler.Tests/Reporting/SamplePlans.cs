using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Stacks;
using GitOps.Reconciler.Tests.Planning;
using GitOps.Reconciler.Secrets;

namespace GitOps.Reconciler.Tests.Reporting;

/// <summary>Plans to render: one built by the planner from a realistic drift, and hand-built ones for edge cases.</summary>
internal static class SamplePlans
{
    /// <summary>demo: web replaced (tag and a secret env), api stopped, a new volume; old: torn down; paused: suspended.</summary>
    public static Plan Mixed()
    {
        var web = Given.Service("web").WithEnv("DB_PASSWORD", "hunter2");
        var api = Given.Service("api", "127.0.0.1:5000/demo/api:v1");
        var before = Given.Desired(Given.Stack("demo", web, api), Given.Stack("old", Given.Service("web")).WithVolume("data"));
        var actual = Given.Deployed(before)
            .EditContainers("demo", "web", c => c with { Spec = web })
            .EditContainers("demo", "api", c => c with { Running = false, ExitCode = 1 });
        var desired = Given.Desired(
            Given.Stack("demo", web.WithEnv("DB_PASSWORD", "correct horse") with { Image = Given.WebV2 }, api).WithVolume("cache"),
            Given.Stack("paused", Given.Service("web")).Suspended());
        return Planner.Plan(desired, actual, PlanningContext.Empty);
    }

    public static Plan UpToDate()
    {
        var desired = Given.Desired(Given.Stack("demo", Given.Service("web"), Given.Service("api")));
        return Planner.Plan(desired, Given.Deployed(desired), PlanningContext.Empty);
    }

    public static Plan RefusingToRemoveAll() =>
        Planner.Plan(Given.Desired(), Given.Deployed(Given.Desired(Given.Stack("a", Given.Service("web")), Given.Stack("b", Given.Service("web")))), PlanningContext.Empty);

    /// <summary>One hand-built change carrying the given fields, as a planner that did not mask might produce.</summary>
    public static Plan WithFields(params FieldChange[] fields)
    {
        var spec = Given.Service("web");
        var change = new ServiceChange(
            "demo", "web", ChangeAction.Replace, ValueList.From(fields), PlanReasons.ConfigChanged,
            spec, ServiceSpecHash.Of(spec, ConfigHashKey.Unkeyed), ValueList.Of(Given.Container("demo", spec)));
        var stack = new StackPlan("demo", StackAction.Converge, Given.Stack("demo", spec), ValueList.Of<ResourceChange>(change));
        return new Plan(Given.Host, ValueList.Of(stack), ValueList<string>.Empty);
    }
}
