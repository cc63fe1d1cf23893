using System.Net;
using Amazon.S3;
using GitOps.Reconciler.Models;

namespace GitOps.Reconciler.Tests.Models;

public class S3TransientFailureTests
{
    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData((HttpStatusCode)0, true)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    public void IsTransient_S3Answer_RetriedOnlyForServerErrorsOrNoAnswer(HttpStatusCode status, bool transient) =>
        Assert.Equal(transient, S3ModelSourceReader.IsTransient(new AmazonS3Exception("answer") { StatusCode = status }));

    [Fact]
    public void IsTransient_NotAnS3Failure_False() => Assert.False(S3ModelSourceReader.IsTransient(new InvalidOperationException("other")));
}
