using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Tests.Planning;

/// <summary>Hand changes to an actual state, as a host drifts or the repo moves on.</summary>
internal static class ActualEdits
{
    public static ActualState EditStack(this ActualState actual, string stack, Func<ActualStack, ActualStack> edit) =>
        actual with { Stacks = actual.Stacks.With(stack, edit(actual.Stacks[stack])) };

    public static ActualState EditContainers(this ActualState actual, string stack, string service, Func<ActualContainer, ActualContainer> edit) =>
        actual.EditStack(stack, s => s with
        {
            Containers = ValueList.From(s.Containers.Select(c => c.Service == service ? edit(c) : c)),
        });

    public static ActualState AddContainer(this ActualState actual, string stack, ActualContainer container) =>
        actual.EditStack(stack, s => s with { Containers = ValueList.From(s.Containers.Append(container)) });

    public static ActualState RemoveContainers(this ActualState actual, string stack, Func<ActualContainer, bool> which) =>
        actual.EditStack(stack, s => s with { Containers = ValueList.From(s.Containers.Where(c => !which(c))) });

    public static ActualState WithImage(this ActualState actual, ImageInfo image) =>
        actual with { Images = actual.Images.With(image.Reference, image) };

    public static ActualState WithStack(this ActualState actual, ActualStack stack) =>
        actual with { Stacks = actual.Stacks.With(stack.Name, stack) };
}
