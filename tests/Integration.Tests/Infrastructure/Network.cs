using System.Net;
using System.Net.Sockets;

namespace GitOps.Integration.Tests.Infrastructure;

public static class Network
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Waits (bounded) until something accepts TCP connections on the loopback port. Returns false when the
    /// server exited first (typically: the port was taken between choosing it and binding it).
    /// </summary>
    public static bool WaitForPort(int port, TimeSpan timeout, Func<bool> exited, Func<string> diagnostics)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (exited())
            {
                return false;
            }
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        throw new TimeoutException($"nothing listens on 127.0.0.1:{port} after {timeout}: {diagnostics()}");
    }
}
