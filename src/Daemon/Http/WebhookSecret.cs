namespace GitOps.Daemon.Http;

/// <summary>Reads the webhook's shared secret once, at start; a configured file that is missing or empty stops the start.</summary>
internal static class WebhookSecret
{
    public static string? Read(string? path)
    {
        if (path is null)
        {
            return null;
        }
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"the webhook secret file {path} does not exist");
        }
        var secret = File.ReadAllText(path).Trim();
        return secret.Length > 0 ? secret : throw new InvalidOperationException($"the webhook secret file {path} is empty");
    }
}
