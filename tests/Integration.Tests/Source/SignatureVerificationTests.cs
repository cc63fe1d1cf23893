using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Source;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Source;

public sealed class SignatureVerificationTests(ITestOutputHelper output) : IDisposable
{
    private readonly SourceFactory _sources = new(output);
    private readonly UpstreamRepo _upstream = new();
    private readonly TempDirectory _state = new("state");
    private readonly SshSigningKey _sshKey = new();
    private readonly CancellationToken _timeout = SourceFactory.Timeout();

    private async Task<VerifiedRevision> FetchAndVerifyAsync(VerifyConfig verify, GitRef? gitRef = null)
    {
        var source = _sources.Create(_state, _upstream.FileUrl, gitRef);
        var revision = await source.ResolveRemoteAsync(_timeout);
        await source.FetchAsync(revision, _timeout);
        var verifier = new SignatureVerifier(verify, source.RepositoryPath, _sources.Logger<SignatureVerifier>());
        return await verifier.VerifyAsync(revision, _timeout);
    }

    private VerifyConfig SshHead => new(VerifyMode.Head, AllowedSigners: _sshKey.AllowedSignersFile);

    [Fact]
    public async Task Verify_SshSignedCommit_SignerIsThePrincipal()
    {
        var commit = _upstream.Commit(new Dictionary<string, string> { ["a.txt"] = "1" }, signing: _sshKey.GitOptions);

        var verified = await FetchAndVerifyAsync(SshHead);

        Assert.Equal(commit, verified.Revision.Commit);
        Assert.Equal(_sshKey.Principal, verified.Signer);
    }

    [Fact]
    public async Task Verify_UnsignedCommit_VerificationFailedNamingTheCommit()
    {
        var commit = _upstream.Commit("a.txt", "1");

        var ex = await Assert.ThrowsAsync<SourceException>(() => FetchAndVerifyAsync(SshHead));

        Assert.Equal(SourceFailure.VerificationFailed, ex.Reason);
        Assert.Equal(commit, ex.Commit);
        Assert.Contains(commit, ex.Message, StringComparison.Ordinal);
        Assert.Contains("is not signed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_SignedByUnknownKey_VerificationFailed()
    {
        using var stranger = new SshSigningKey("stranger@example.org");
        _upstream.Commit(new Dictionary<string, string> { ["a.txt"] = "1" }, signing: stranger.GitOptions);

        var ex = await Assert.ThrowsAsync<SourceException>(() => FetchAndVerifyAsync(SshHead));

        Assert.Equal(SourceFailure.VerificationFailed, ex.Reason);
        Assert.Contains("not in", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_SignedThenUnsignedOnTop_OnlyTheHeadCounts()
    {
        _upstream.Commit(new Dictionary<string, string> { ["a.txt"] = "1" }, signing: _sshKey.GitOptions);
        _upstream.Commit("a.txt", "2 (unsigned)");

        var ex = await Assert.ThrowsAsync<SourceException>(() => FetchAndVerifyAsync(SshHead));

        Assert.Equal(SourceFailure.VerificationFailed, ex.Reason);
    }

    [Fact]
    public async Task Verify_ModeOff_UnsignedAccepted()
    {
        _upstream.Commit("a.txt", "1");

        var verified = await FetchAndVerifyAsync(VerifyConfig.Off);

        Assert.Null(verified.Signer);
    }

    [Fact]
    public async Task Verify_SshSignedTag_Accepted()
    {
        var commit = _upstream.Commit("a.txt", "release");
        _upstream.Tag("v1", "release one\n\nwith a body", _sshKey.GitOptions);

        var verified = await FetchAndVerifyAsync(new VerifyConfig(VerifyMode.Tag, _sshKey.AllowedSignersFile), GitRef.Tag("v1"));

        Assert.Equal(commit, verified.Revision.Commit);
        Assert.Equal(_sshKey.Principal, verified.Signer);
    }

    [Fact]
    public async Task Verify_UnsignedAnnotatedTag_VerificationFailed()
    {
        _upstream.Commit(new Dictionary<string, string> { ["a.txt"] = "1" }, signing: _sshKey.GitOptions);
        _upstream.Tag("v1", "not signed");

        var ex = await Assert.ThrowsAsync<SourceException>(() =>
            FetchAndVerifyAsync(new VerifyConfig(VerifyMode.Tag, _sshKey.AllowedSignersFile), GitRef.Tag("v1")));

        Assert.Equal(SourceFailure.VerificationFailed, ex.Reason);
        Assert.Contains("is not signed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_GpgSignedCommitAndTag_Accepted_UnsignedRefused()
    {
        using var gpg = new GpgSigningKey();
        foreach (var (key, value) in gpg.Environment)
        {
            _upstream.Environment[key] = value;
        }
        var verify = new VerifyConfig(VerifyMode.Head, GpgKeyring: gpg.KeyringFile);
        _upstream.Commit(new Dictionary<string, string> { ["a.txt"] = "1" }, signing: gpg.GitOptions);
        _upstream.Tag("v1", "signed with gpg", gpg.GitOptions);

        var head = await FetchAndVerifyAsync(verify);
        var tag = await FetchAndVerifyAsync(verify with { Mode = VerifyMode.Tag }, GitRef.Tag("v1"));
        _upstream.Commit("a.txt", "2 (unsigned)");
        var ex = await Assert.ThrowsAsync<SourceException>(() => FetchAndVerifyAsync(verify));

        Assert.Equal(gpg.Fingerprint, head.Signer);
        Assert.Equal(gpg.Fingerprint, tag.Signer);
        Assert.Equal(SourceFailure.VerificationFailed, ex.Reason);
    }

    [Fact]
    public async Task Verify_GpgSignedButNoKeyringConfigured_VerificationFailed()
    {
        using var gpg = new GpgSigningKey();
        foreach (var (key, value) in gpg.Environment)
        {
            _upstream.Environment[key] = value;
        }
        _upstream.Commit(new Dictionary<string, string> { ["a.txt"] = "1" }, signing: gpg.GitOptions);

        var ex = await Assert.ThrowsAsync<SourceException>(() => FetchAndVerifyAsync(SshHead));

        Assert.Contains("verify.gpgKeyring is not configured", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _sshKey.Dispose();
        _upstream.Dispose();
        _state.Dispose();
    }
}
