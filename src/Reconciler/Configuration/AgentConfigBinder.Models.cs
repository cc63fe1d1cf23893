using GitOps.Reconciler.Models;

namespace GitOps.Reconciler.Configuration;

internal sealed partial class AgentConfigBinder
{
    private ModelsConfig BindModels()
    {
        var roots = ModelsConfig.DefaultAllowedRoots;
        if (Text("models.allowedRoots") is { } text)
        {
            roots = [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(r => r.TrimEnd('/'))];
            foreach (var root in roots.Where(r => !r.StartsWith('/') || r.Length < 2 || r.Split('/').Any(s => s is "." or "..")))
            {
                Error("models.allowedRoots", $"'{root}' must be an absolute directory other than '/'");
            }
        }
        Uri? endpoint = null;
        if (Text("models.s3.endpoint") is { } url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https"))
            {
                Error("models.s3.endpoint", $"expected an http:// or https:// URL, found '{url}'");
                endpoint = null;
            }
        }
        var s3 = new ModelsS3Config(endpoint, Text("models.s3.region") ?? ModelsS3Config.Default.Region, Bool("models.s3.pathStyle") ?? false, FilePath("models.s3.credentialsFile"));
        return new ModelsConfig(roots, s3)
        {
            VerifyInterval = Bounded("models.verifyInterval", ModelsConfig.DefaultVerifyInterval, TimeSpan.FromMinutes(1), TimeSpan.FromDays(30)),
            ParallelDownloads = Integer("models.parallelDownloads", 1, 32) ?? ModelsConfig.DefaultParallelDownloads,
        };
    }
}
