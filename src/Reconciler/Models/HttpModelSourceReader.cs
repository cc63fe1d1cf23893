using System.Net;
using System.Net.Http.Headers;
using GitOps.Reconciler.Desired;

namespace GitOps.Reconciler.Models;

/// <summary>http(s) sources: a GET with <c>Range</c> to resume, and a bearer token read from the model's token file.</summary>
public sealed class HttpModelSourceReader(HttpClient http) : IModelSourceReader
{
    public async Task<ModelSourceStream> OpenAsync(ModelFile file, ModelFetchContext context, long offset, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, file.Source.Location);
        if (offset > 0)
        {
            request.Headers.Range = new RangeHeaderValue(offset, null);
        }
        if (context.BearerTokenFile is { } tokenFile)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await ReadTokenAsync(tokenFile, cancellationToken));
        }
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        try
        {
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && offset > 0)
            {
                // The partial file is as long as the file (or longer): the caller verifies it or starts over.
                response.Dispose();
                return new ModelSourceStream(Stream.Null, offset, offset);
            }
            if ((int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
            {
                throw new HttpRequestException($"{file.Source} answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new ModelDownloadException($"{file.Source} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.PartialContent && response.Content.Headers.ContentRange is { From: { } from } range)
            {
                return new ModelSourceStream(new OwningStream(body, response), from, range.Length);
            }
            return new ModelSourceStream(new OwningStream(body, response), 0, response.Content.Headers.ContentLength);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public async Task<long?> SizeAsync(ModelFile file, ModelFetchContext context, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, file.Source.Location);
        if (context.BearerTokenFile is { } tokenFile)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await ReadTokenAsync(tokenFile, cancellationToken));
        }
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return response.IsSuccessStatusCode ? response.Content.Headers.ContentLength : null;
    }

    private static async Task<string> ReadTokenAsync(string tokenFile, CancellationToken cancellationToken)
    {
        try
        {
            return (await File.ReadAllTextAsync(tokenFile, cancellationToken)).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ModelDownloadException($"the bearer token file {tokenFile} cannot be read: {ex.Message}");
        }
    }
}
