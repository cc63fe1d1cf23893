using System.Formats.Tar;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace GitOps.Integration.Tests.Infrastructure;

/// <summary>An image no engine has a layer of: pulling it really downloads, so a stalling proxy in front of the registry stalls it.</summary>
public static class UniqueImage
{
    /// <summary>Imports a layer of random bytes as <paramref name="repository"/>:v1, pushes it to the registry and removes it locally.</summary>
    public static async Task PushAsync(DockerClient raw, string repository, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(raw);
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, leaveOpen: true))
        {
            var data = new byte[2 * 1024 * 1024];
            Random.Shared.NextBytes(data);
            var entry = new PaxTarEntry(TarEntryType.RegularFile, "data.bin") { DataStream = new MemoryStream(data) };
            writer.WriteEntry(entry);
        }
        tar.Position = 0;
        var name = $"{EngineFixture.Registry}/{repository}";
        await raw.Images.CreateImageAsync(new ImagesCreateParameters { FromSrc = "-", Repo = name, Tag = "v1" }, tar, null, new Progress<JSONMessage>(), cancellationToken);
        await raw.Images.PushImageAsync(name + ":v1", new ImagePushParameters { Tag = "v1" }, new AuthConfig(), new Progress<JSONMessage>(), cancellationToken);
        await raw.Images.DeleteImageAsync(name + ":v1", new ImageDeleteParameters { Force = true }, cancellationToken);
    }
}
