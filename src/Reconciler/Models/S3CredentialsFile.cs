using Amazon.Runtime;

namespace GitOps.Reconciler.Models;

/// <summary>
/// The credentials file named by <c>models.s3.credentialsFile</c>: lines <c>accessKeyId=...</c> and
/// <c>secretAccessKey=...</c> (or <c>key: value</c>); '#' starts a comment. The values never reach a message.
/// </summary>
public static class S3CredentialsFile
{
    public static BasicAWSCredentials Read(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ModelDownloadException($"the S3 credentials file {path} cannot be read: {ex.Message}");
        }
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var split = line.IndexOfAny(['=', ':']);
            if (split > 0)
            {
                values[line[..split].Trim()] = line[(split + 1)..].Trim().Trim('"', '\'');
            }
        }
        if (!values.TryGetValue("accessKeyId", out var id) || !values.TryGetValue("secretAccessKey", out var secret) || id.Length == 0 || secret.Length == 0)
        {
            throw new ModelDownloadException($"the S3 credentials file {path} must hold accessKeyId and secretAccessKey");
        }
        return new BasicAWSCredentials(id, secret);
    }
}
