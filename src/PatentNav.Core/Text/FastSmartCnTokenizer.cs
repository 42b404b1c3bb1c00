using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using ICU4N.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using PatentNav.Text.Internal;

namespace PatentNav.Text;

/// <summary>
/// A drop-in replacement for SmartCn's <see cref="HMMChineseTokenizer"/>: the same tokens (text, offsets, position
/// increments, type) for every input, from the same HHMM algorithm and the same dictionaries, several times faster.
/// </summary>
/// <remarks>
/// <para>Sentences are found exactly as the stock tokenizer finds them (this class derives from the same
/// <see cref="SegmentingTokenizerBase"/> with the same ICU sentence iterator); each sentence is then segmented by
/// <see cref="HhmmSentenceSegmenter"/> over flat arrays instead of the package's per-token objects and hash maps.</para>
/// <para>The dictionaries are the package's own, read once by reflection from its loaded singletons
/// (<see cref="SmartCnDictionaries"/>). Should that fail (a package update renamed a field), <see cref="IsAvailable"/> is
/// false and <see cref="Create"/> hands out the stock tokenizer instead, silently.</para>
/// </remarks>
public sealed class FastSmartCnTokenizer : SegmentingTokenizerBase
{
    private static readonly Lazy<SmartCnDictionaries?> LazyDictionaries = new(TryLoad, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly BreakIterator SentenceProto = BreakIterator.GetSentenceInstance(CultureInfo.InvariantCulture);

    private readonly ICharTermAttribute termAtt;
    private readonly IOffsetAttribute offsetAtt;
    private readonly ITypeAttribute typeAtt;
    private readonly HhmmSentenceSegmenter segmenter;
    private int sentenceStart;
    private int next;
    private int count;

    /// <summary>Creates the tokenizer; throws when <see cref="IsAvailable"/> is false (use <see cref="Create"/> to fall back).</summary>
    public FastSmartCnTokenizer(TextReader reader)
        : base(AttributeFactory.DEFAULT_ATTRIBUTE_FACTORY, reader, (BreakIterator)SentenceProto.Clone())
    {
        var dictionaries = LazyDictionaries.Value ?? throw new InvalidOperationException("SmartCn's dictionaries could not be read; use FastSmartCnTokenizer.Create for the stock tokenizer.");
        segmenter = new HhmmSentenceSegmenter(dictionaries);
        termAtt = AddAttribute<ICharTermAttribute>();
        offsetAtt = AddAttribute<IOffsetAttribute>();
        typeAtt = AddAttribute<ITypeAttribute>();
    }

    /// <summary>Whether the fast path can be used (SmartCn's dictionaries were read); false means the stock tokenizer is used.</summary>
    public static bool IsAvailable => LazyDictionaries.Value is not null;

    /// <summary>The dictionaries in use (for diagnostics and tests), or null when the fast path is unavailable.</summary>
    internal static SmartCnDictionaries? Dictionaries => LazyDictionaries.Value;

    /// <summary>A <see cref="FastSmartCnTokenizer"/> when <see cref="IsAvailable"/>, else SmartCn's own <see cref="HMMChineseTokenizer"/>.</summary>
    public static Tokenizer Create(TextReader reader) =>
        IsAvailable ? new FastSmartCnTokenizer(reader) : new HMMChineseTokenizer(reader);

    /// <inheritdoc />
    public override void Reset()
    {
        base.Reset();
        next = count = 0;
    }

    /// <inheritdoc />
    protected override void SetNextSentence(int sentenceStart, int sentenceEnd)
    {
        this.sentenceStart = sentenceStart;
        segmenter.Segment(m_buffer.AsSpan(sentenceStart, sentenceEnd - sentenceStart));
        next = 0;
        count = segmenter.Count;
    }

    /// <inheritdoc />
    protected override bool IncrementWord()
    {
        if (next >= count)
        {
            return false;
        }

        var i = next++;
        ClearAttributes();
        var start = segmenter.StartOf(i);
        var end = segmenter.EndOf(i);
        switch (segmenter.TypeOf(i))
        {
            case HhmmSentenceSegmenter.ChineseWord:
                SetTerm(segmenter.KeyOf(i));
                break;

            case HhmmSentenceSegmenter.DelimiterWord:
                SetTerm(",");
                break;

            case HhmmSentenceSegmenter.StringWord:
            case HhmmSentenceSegmenter.NumberWord:
            case HhmmSentenceSegmenter.FullWidthString:
            case HhmmSentenceSegmenter.FullWidthNumber:
                SetNormalizedTerm(m_buffer.AsSpan(sentenceStart + start, end - start), segmenter.TypeOf(i));
                break;

            default:
                throw new InvalidOperationException("sentence markers are never emitted");
        }

        var offset = m_offset + sentenceStart;
        offsetAtt.SetOffset(CorrectOffset(offset + start), CorrectOffset(offset + end));
        typeAtt.Type = "word";
        return true;
    }

    private void SetTerm(ReadOnlySpan<char> text)
    {
        var buffer = termAtt.ResizeBuffer(text.Length);
        text.CopyTo(buffer);
        termAtt.Length = text.Length;
    }

    /// <summary>SegTokenFilter: full-width to half-width for full-width runs, then ASCII upper case to lower case (not numbers).</summary>
    private void SetNormalizedTerm(ReadOnlySpan<char> text, byte wordType)
    {
        var buffer = termAtt.ResizeBuffer(text.Length);
        var fullWidth = wordType is HhmmSentenceSegmenter.FullWidthString or HhmmSentenceSegmenter.FullWidthNumber;
        var lower = fullWidth || wordType == HhmmSentenceSegmenter.StringWord;
        for (var k = 0; k < text.Length; k++)
        {
            var c = text[k];
            if (fullWidth && c >= '\uFF10')
            {
                c = (char)(c - 0xFEE0);
            }

            if (lower && c >= 'A' && c <= 'Z')
            {
                c = (char)(c + 0x20);
            }

            buffer[k] = c;
        }

        termAtt.Length = text.Length;
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Any failure to read the package's internals means: use the stock tokenizer.")]
    private static SmartCnDictionaries? TryLoad()
    {
        try
        {
            return SmartCnDictionaries.LoadFromPackage();
        }
        catch (Exception)
        {
            return null;
        }
    }
}
