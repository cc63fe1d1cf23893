using GitOps.Reconciler.Source;
using LibGit2Sharp;

namespace GitOps.Reconciler.Tests.Source;

public sealed class InterruptedGitCallTests
{
    private static readonly LibGit2SharpException Interrupted = new("error receiving data from socket: Interrupted system call");

    [Fact]
    public void Run_InterruptedOnce_RunsAgainAndReturnsTheResult()
    {
        var calls = 0;
        var retried = new List<string>();

        var result = InterruptedGitCall.Run(() => ++calls == 1 ? throw Interrupted : "refs", ex => retried.Add(ex.Message));

        Assert.Equal("refs", result);
        Assert.Equal(2, calls);
        Assert.Equal([Interrupted.Message], retried);
    }

    [Fact]
    public void Run_InterruptedEveryTime_GivesUpAfterTheBoundWithTheError()
    {
        var calls = 0;

        var thrown = Assert.Throws<LibGit2SharpException>(() => InterruptedGitCall.Run<string>(() =>
        {
            calls++;
            throw Interrupted;
        }, _ => { }));

        Assert.Same(Interrupted, thrown);
        Assert.Equal(InterruptedGitCall.MaxAttempts, calls);
    }

    [Fact]
    public void Run_OtherFailure_NotRepeated()
    {
        var calls = 0;
        var refused = new LibGit2SharpException("failed to connect to 127.0.0.1: Connection refused");

        var thrown = Assert.Throws<LibGit2SharpException>(() => InterruptedGitCall.Run<string>(() =>
        {
            calls++;
            throw refused;
        }, _ => Assert.Fail("not an interruption")));

        Assert.Same(refused, thrown);
        Assert.Equal(1, calls);
    }
}
