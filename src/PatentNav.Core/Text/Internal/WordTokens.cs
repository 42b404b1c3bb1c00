using Lucene.Net.Analysis.TokenAttributes;

namespace PatentNav.Text.Internal;

/// <summary>A token of the SmartCn words analyzer with its character offsets.</summary>
internal readonly record struct WordToken(string Text, int Start, int End)
{
    /// <summary>Whether every character is a Chinese (Han) character.</summary>
    public bool IsHan => Text.Length > 0 && Text.All(WordTokens.IsHan);

    /// <summary>A short Latin code (1–4 ASCII letters and digits with at least one letter: 3D, 5G, LED, PVC), which can
    /// open a domain term with Chinese words (3D打印, 5G通信).</summary>
    public bool IsCode => WordTokens.IsCode(Text);

    /// <summary>Whether the token can be part of a discovered term: Chinese, or a short Latin code.</summary>
    public bool IsTermPart => IsHan || IsCode;
}

/// <summary>Runs the search analyzer (<see cref="PatentAnalyzers.Words"/>: SmartCn with the patent stop list) and keeps offsets.</summary>
internal static class WordTokens
{
    /// <summary>Appends the tokens of <paramref name="text"/> to <paramref name="into"/> (cleared first).</summary>
    /// <param name="text">The text.</param>
    /// <param name="into">Receives the tokens.</param>
    /// <param name="complete">False: the search analyzer's tokens (stop words and punctuation removed, Latin stemmed);
    /// true: SmartCn's complete segmentation, every token as written in the text.</param>
    /// <param name="analyzer">Another analyzer than the engine's (null: <see cref="PatentAnalyzers.Words"/>, or the
    /// segmenter when <paramref name="complete"/>).</param>
    public static void Segment(string? text, List<WordToken> into, bool complete = false, Lucene.Net.Analysis.Analyzer? analyzer = null)
    {
        into.Clear();
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        using var stream = (analyzer ?? (complete ? PatentAnalyzers.Segmenter : PatentAnalyzers.Words)).GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            into.Add(complete
                ? new WordToken(text[offset.StartOffset..offset.EndOffset], offset.StartOffset, offset.EndOffset)
                : new WordToken(term.ToString(), offset.StartOffset, offset.EndOffset));
        }

        stream.End();
    }

    /// <summary>Whether two tokens touch: nothing (no stop word, punctuation or space) stands between them.</summary>
    public static bool Adjacent(in WordToken left, in WordToken right) => left.End == right.Start;

    /// <summary>See <see cref="WordToken.IsCode"/>.</summary>
    public static bool IsCode(string text) =>
        text.Length is >= 1 and <= 4 && text.All(char.IsAsciiLetterOrDigit) && text.Any(char.IsAsciiLetter);

    /// <summary>CJK Unified Ideographs (with Extension A and the compatibility block).</summary>
    public static bool IsHan(char c) => c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF');
}
