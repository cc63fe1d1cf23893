using GitOps.Reconciler.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace GitOps.Reconciler.Tests.Tasks;

public sealed class TaskRunRequestsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    private static TaskRunRecord Run(string? request) =>
        new("backup", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, TaskOutcome.Succeeded, 0, "", null, null, TaskFire.Manual, 1)
        { Id = 42, RequestId = request };

    [Fact]
    public void Complete_RunOfTheRequest_RequestFinishedWithTheRun()
    {
        var requests = new TaskRunRequests(_time);
        var request = requests.Add("backup");

        Assert.False(requests.Get(request.Id)!.Finished);
        requests.Complete(Run(request.Id));

        Assert.Equal(42, requests.Get(request.Id)!.Run!.Id);
    }

    [Fact]
    public void Complete_ScheduledRun_NoRequestTouched()
    {
        var requests = new TaskRunRequests(_time);
        var request = requests.Add("backup");

        requests.Complete(Run(null));

        Assert.False(requests.Get(request.Id)!.Finished);
    }

    [Fact]
    public void Add_BeyondCapacity_OldestForgotten()
    {
        var requests = new TaskRunRequests(_time, capacity: 2);
        var first = requests.Add("a");
        var second = requests.Add("b");
        var third = requests.Add("c");

        Assert.Null(requests.Get(first.Id));
        Assert.NotNull(requests.Get(second.Id));
        Assert.NotNull(requests.Get(third.Id));
        Assert.NotEqual(second.Id, third.Id);
    }
}
