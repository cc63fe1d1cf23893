using Docker.DotNet;
using Docker.DotNet.Models;

namespace GitOps.Reconciler.Engine;

public sealed partial class DockerEngine
{
    private sealed class ImageOperations(DockerClient client) : IDockerImages
    {
        public async Task<IReadOnlyList<ImagesListResponse>> ListAsync(CancellationToken cancellationToken) =>
            [.. await client.Images.ListImagesAsync(new ImagesListParameters(), cancellationToken)];

        public async Task<ImageInspectResponse?> InspectAsync(string reference, CancellationToken cancellationToken)
        {
            try
            {
                return await client.Images.InspectImageAsync(reference, cancellationToken);
            }
            catch (DockerImageNotFoundException)
            {
                return null;
            }
            catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return null;
            }
        }

        public async Task PullAsync(string reference, IProgress<JSONMessage> progress, CancellationToken cancellationToken)
        {
            // Errors after the stream has started arrive as messages, not as an HTTP status.
            string? error = null;
            var relay = new Progress(message =>
            {
                if (message.Error is { Message: { Length: > 0 } text })
                {
                    error ??= text;
                }
                progress.Report(message);
            });
            try
            {
                await client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = reference }, null, relay, cancellationToken);
            }
            catch (DockerApiException e)
            {
                throw new ImagePullException(reference, ErrorText(e), e);
            }
            if (error is not null)
            {
                throw new ImagePullException(reference, error);
            }
        }

        public async Task BuildAsync(ImageBuildParameters parameters, Stream context, IProgress<JSONMessage> progress, CancellationToken cancellationToken)
        {
            // Like a pull, a failing step arrives as a message in the stream; the output before it says why.
            var lines = new ImageBuildException.Tail();
            string? error = null;
            var relay = new Progress(message =>
            {
                lines.Add(message.Stream);
                if (message.Error is { Message: { Length: > 0 } text })
                {
                    error ??= text;
                }
                progress.Report(message);
            });
            var tags = string.Join(", ", parameters.Tags ?? []);
            try
            {
                await client.Images.BuildImageFromDockerfileAsync(parameters, context, null, null, relay, cancellationToken);
            }
            catch (DockerApiException e)
            {
                throw new ImageBuildException(tags, ErrorText(e), lines.Lines, e);
            }
            if (error is not null)
            {
                throw new ImageBuildException(tags, error, lines.Lines);
            }
        }

        public async Task<string> RegistryDigestAsync(string reference, CancellationToken cancellationToken) =>
            (await client.Distribution.InspectAsync(reference, cancellationToken)).Descriptor.Digest;

        private static string ErrorText(DockerApiException e)
        {
            var body = e.ResponseBody?.Trim() ?? "";
            const string prefix = "{\"message\":\"";
            return body.StartsWith(prefix, StringComparison.Ordinal) ? body[prefix.Length..].TrimEnd('}').TrimEnd('"') : body;
        }

        /// <summary>Reports synchronously: <see cref="Progress{T}"/> would post to the thread pool and lose ordering.</summary>
        private sealed class Progress(Action<JSONMessage> report) : IProgress<JSONMessage>
        {
            public void Report(JSONMessage value) => report(value);
        }
    }
}
