using System.Security.Cryptography;
using System.Text;

namespace GitOps.Daemon.Http;

/// <summary>
/// The bearer token <c>/status</c> and <c>/metrics</c> require (<c>http.readTokenFile</c>), read once at start; a
/// configured file that is missing or empty stops the start.
/// </summary>
internal sealed class ReadToken
{
    private readonly byte[] _token;

    private ReadToken(string token) => _token = Encoding.UTF8.GetBytes(token);

    public static ReadToken? Read(string? path)
    {
        if (path is null)
        {
            return null;
        }
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"the read token file {path} does not exist");
        }
        var token = File.ReadAllText(path).Trim();
        return token.Length > 0 ? new ReadToken(token) : throw new InvalidOperationException($"the read token file {path} is empty");
    }

    /// <summary>Whether <c>Authorization: Bearer ...</c> carries the token; compared in constant time.</summary>
    public bool Accepts(string? authorization)
    {
        const string Scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var given = Encoding.UTF8.GetBytes(authorization[Scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(given, _token);
    }
}
