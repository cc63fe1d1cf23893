namespace GitOps.Reconciler.Engine;

/// <summary>The engine could not build an image; carries the last lines of the build output, which say why.</summary>
public sealed class ImageBuildException : Exception
{
    /// <summary>How many output lines a failure keeps.</summary>
    public const int TailLines = 10;

    public ImageBuildException(string tag, string reason, IReadOnlyList<string> lastLines, Exception? inner = null)
        : base($"build {tag}: {reason}" + (lastLines.Count == 0 ? "" : "; last build output:\n" + string.Join('\n', lastLines)), inner)
    {
        Tag = tag;
        Reason = reason;
        LastLines = lastLines;
    }

    public ImageBuildException()
        : this("", "", [])
    {
    }

    public ImageBuildException(string message)
        : this("", message, [])
    {
    }

    public ImageBuildException(string message, Exception innerException)
        : this("", message, [], innerException)
    {
    }

    public string Tag { get; }

    public string Reason { get; }

    public IReadOnlyList<string> LastLines { get; }

    /// <summary>The last <see cref="TailLines"/> non-empty lines of a build's output stream.</summary>
    internal sealed class Tail
    {
        private readonly Queue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public void Add(string? text)
        {
            foreach (var line in (text ?? "").Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0))
            {
                _lines.Enqueue(line);
                if (_lines.Count > TailLines)
                {
                    _lines.Dequeue();
                }
            }
        }
    }
}
