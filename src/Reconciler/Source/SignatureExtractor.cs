using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LibGit2Sharp;
using GitRepository = LibGit2Sharp.Repository;

namespace GitOps.Reconciler.Source;

/// <summary>Takes the signature and the signed bytes out of a commit (its gpgsig header) or an annotated tag (appended to its message).</summary>
internal static class SignatureExtractor
{
    /// <summary>The commit's signature, or null when the commit is unsigned.</summary>
    public static SignedPayload? FromCommit(GitRepository repository, string commit)
    {
        try
        {
            var info = Commit.ExtractSignature(repository, new ObjectId(commit));
            return string.IsNullOrEmpty(info.Signature) ? null : new SignedPayload(Encoding.UTF8.GetBytes(info.SignedData), info.Signature);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// The tag's signature, or null when unsigned. LibGit2Sharp exposes the parsed tag, not its raw bytes, so the
    /// object is rebuilt in git's canonical form and accepted only when it hashes to the tag's id: a tag written
    /// any other way fails closed rather than being checked against the wrong bytes.
    /// </summary>
    public static SignedPayload? FromTag(GitRepository repository, string tagObject)
    {
        var tag = repository.Lookup<TagAnnotation>(tagObject)
            ?? throw new SourceException(SourceFailure.VerificationFailed, $"tag object {tagObject} is not in the local repository");
        var raw = Canonical(tag);
        if (!HashesTo(raw, tagObject))
        {
            throw new SourceException(SourceFailure.VerificationFailed, $"tag {tag.Name} ({tagObject}) is not in git's canonical form; its signature cannot be checked");
        }
        var start = SignatureStart(raw);
        return start < 0 ? null : new SignedPayload(Encoding.UTF8.GetBytes(raw[..start]), raw[start..]);
    }

    private static string Canonical(TagAnnotation tag)
    {
        var type = tag.Target switch
        {
            Commit => "commit",
            Tree => "tree",
            Blob => "blob",
            _ => "tag",
        };
        var when = tag.Tagger.When;
        var offset = when.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var zone = string.Create(CultureInfo.InvariantCulture, $"{sign}{Math.Abs(offset.Hours):00}{Math.Abs(offset.Minutes):00}");
        return string.Create(CultureInfo.InvariantCulture,
            $"object {tag.Target.Sha}\ntype {type}\ntag {tag.Name}\ntagger {tag.Tagger.Name} <{tag.Tagger.Email}> {when.ToUnixTimeSeconds()} {zone}\n\n{tag.Message}");
    }

    private static bool HashesTo(string raw, string id)
    {
        var content = Encoding.UTF8.GetBytes(raw);
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"tag {content.Length}\0"));
#pragma warning disable CA5350 // SHA-1 is git's object id here, not a security primitive of ours.
        var hash = SHA1.HashData([.. header, .. content]);
#pragma warning restore CA5350
        return string.Equals(Convert.ToHexStringLower(hash), id, StringComparison.OrdinalIgnoreCase);
    }

    private static int SignatureStart(string raw)
    {
        foreach (var armor in new[] { SignedPayload.SshArmor, SignedPayload.PgpArmor })
        {
            var index = raw.LastIndexOf("\n" + armor, StringComparison.Ordinal);
            if (index >= 0)
            {
                return index + 1;
            }
        }
        return -1;
    }
}
