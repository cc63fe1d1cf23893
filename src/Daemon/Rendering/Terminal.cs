using Spectre.Console;

namespace GitOps.Daemon.Rendering;

/// <summary>Spectre consoles over a verb's output: ANSI colour and tables on a terminal, plain characters otherwise.</summary>
public static class Terminal
{
    /// <summary>The width tables are laid out for, whatever the terminal says (a pipe has none).</summary>
    public const int Width = 120;

    /// <summary>Whether a verb writing to <paramref name="output"/> talks to a person at a terminal.</summary>
    public static bool IsInteractive(TextWriter output) => !Console.IsOutputRedirected && output == Console.Out;

    public static IAnsiConsole Create(TextWriter output, bool colour)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = colour ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = colour ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = Width;
        return console;
    }

    /// <summary><paramref name="text"/> in <paramref name="colour"/>, as ANSI escapes Spectre writes.</summary>
    public static string Coloured(string text, Color colour)
    {
        using var writer = new StringWriter();
        Create(writer, colour: true).Write(new Text(text, new Style(colour)));
        return writer.ToString();
    }
}
