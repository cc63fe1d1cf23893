using System.Runtime.Versioning;

// The integration tests drive real Linux services (sshd, git daemon, gpgv, flock); they run on Linux only.
[assembly: SupportedOSPlatform("linux")]
