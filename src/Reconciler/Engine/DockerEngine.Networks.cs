using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace GitOps.Reconciler.Engine;

public sealed partial class DockerEngine
{
    private sealed class NetworkOperations(DockerClient client) : IDockerNetworks
    {
        public async Task<IReadOnlyList<NetworkResponse>> ListAsync(IReadOnlyCollection<string> labels, CancellationToken cancellationToken) =>
            [.. await client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = LabelFilter(labels) }, cancellationToken)];

        public async Task<string> CreateAsync(NetworksCreateParameters parameters, CancellationToken cancellationToken) =>
            (await client.Networks.CreateNetworkAsync(parameters, cancellationToken)).ID;

        public async Task RemoveAsync(string id, CancellationToken cancellationToken)
        {
            try
            {
                await client.Networks.DeleteNetworkAsync(id, cancellationToken);
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
            }
        }

        public Task ConnectAsync(string network, string containerId, EndpointSettings endpoint, CancellationToken cancellationToken) =>
            client.Networks.ConnectNetworkAsync(
                network, new NetworkConnectParameters { Container = containerId, EndpointConfig = endpoint }, cancellationToken);

        public async Task<IReadOnlyList<string>> AttachedContainersAsync(string id, CancellationToken cancellationToken)
        {
            try
            {
                var network = await client.Networks.InspectNetworkAsync(id, cancellationToken);
                return [.. (network.Containers ?? new Dictionary<string, EndpointResource>()).Keys];
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                return [];
            }
        }

        public Task DisconnectAsync(string network, string containerId, CancellationToken cancellationToken) =>
            client.Networks.DisconnectNetworkAsync(
                network, new NetworkDisconnectParameters { Container = containerId, Force = true }, cancellationToken);
    }
}
