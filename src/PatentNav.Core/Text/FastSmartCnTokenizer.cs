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
    private static readonly Lazy<SmartCnDictionaries?> LazyStock = new(TryLoad, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<SmartCnDictionaries?> LazyDictionaries = new(
        () => LazyStock.Value is { } stock ? PatentVocabulary.Build(stock) : null,
        LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly BreakIterator SentenceProto = BreakIterator.GetSentenceInstance(CultureInfo.InvariantCulture);

    private readonly ICharTermAttribute termAtt;
    private readonly IOffsetAttribute offsetAtt;
    private readonly ITypeAttribute typeAtt;
    private readonly HhmmSentenceSegmenter segmenter;
    private readonly bool joinNumbers;
    private int sentenceStart;
    private int next;
    private int count;

    // The words of the sentence after JoinNumbers: the segmenter's word index of the first part, and the span.
    private int[] wordIndex = new int[64];
    private int[] wordStart = new int[64];
    private int[] wordEnd = new int[64];
    private byte[] wordType = new byte[64];

    /// <summary>Creates the tokenizer; throws when <see cref="IsAvailable"/> is false (use <see cref="Create"/> to fall back).</summary>
    public FastSmartCnTokenizer(TextReader reader)
        : this(reader, LazyDictionaries.Value ?? throw new InvalidOperationException("SmartCn's dictionaries could not be read; use FastSmartCnTokenizer.Create for the stock tokenizer."))
    {
    }

    /// <summary>Creates the tokenizer over other dictionaries (SmartCn's with more words: <see cref="SmartCnDictionaries.WithWords"/>).</summary>
    /// <param name="reader">The text.</param>
    /// <param name="dictionaries">The dictionaries.</param>
    /// <param name="joinNumbers">Whether decimals (1.15), identifiers (SiO2, vmcoreinfo_data) and claim numbers at the
    /// start of a sentence (1.) are one token, as in treebanks, rather than SmartCn's pieces (false: SmartCn's tokens).</param>
    internal FastSmartCnTokenizer(TextReader reader, SmartCnDictionaries dictionaries, bool joinNumbers = true)
        : base(AttributeFactory.DEFAULT_ATTRIBUTE_FACTORY, reader, (BreakIterator)SentenceProto.Clone())
    {
        ArgumentNullException.ThrowIfNull(dictionaries);
        this.joinNumbers = joinNumbers;
        segmenter = new HhmmSentenceSegmenter(dictionaries);
        termAtt = AddAttribute<ICharTermAttribute>();
        offsetAtt = AddAttribute<IOffsetAttribute>();
        typeAtt = AddAttribute<ITypeAttribute>();
    }

    /// <summary>Whether the fast path can be used (SmartCn's dictionaries were read); false means the stock tokenizer is used.</summary>
    public static bool IsAvailable => LazyDictionaries.Value is not null;

    /// <summary>The dictionaries in use (SmartCn's with the patent vocabulary), or null when the fast path is unavailable.</summary>
    internal static SmartCnDictionaries? Dictionaries => LazyDictionaries.Value;

    /// <summary>SmartCn's own dictionaries, as the package loads them (for comparisons with the stock tokenizer).</summary>
    internal static SmartCnDictionaries? StockDictionaries => LazyStock.Value;

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
        var sentence = m_buffer.AsSpan(sentenceStart, sentenceEnd - sentenceStart);
        segmenter.Segment(sentence);
        next = 0;
        count = JoinNumbers(sentence);
    }

    /// <summary>Copies the segmenter's words, joining (when <see cref="joinNumbers"/>) touching ASCII letter and digit runs
    /// with the '_' and '.' between them, and a number at the sentence start with the '.' after it; returns the word count.</summary>
    private int JoinNumbers(ReadOnlySpan<char> sentence)
    {
        var n = segmenter.Count;
        if (wordIndex.Length < n)
        {
            var size = Math.Max(n, wordIndex.Length * 2);
            wordIndex = new int[size];
            wordStart = new int[size];
            wordEnd = new int[size];
            wordType = new byte[size];
        }

        var w = 0;
        for (var i = 0; i < n; i++)
        {
            var start = segmenter.StartOf(i);
            var end = segmenter.EndOf(i);
            var type = segmenter.TypeOf(i);
            if (joinNumbers && w > 0 && wordEnd[w - 1] == start && IsAscii(wordType[w - 1]))
            {
                var previous = sentence[wordStart[w - 1]..wordEnd[w - 1]];
                var joins = IsAscii(type)
                    || (type == HhmmSentenceSegmenter.DelimiterWord && end - start == 1 && sentence[start] is '_' or '.'
                        && (Continues(sentence, end) || (sentence[start] == '.' && wordStart[w - 1] == 0 && IsDigits(previous))));
                if (joins)
                {
                    wordEnd[w - 1] = end;
                    wordType[w - 1] = HhmmSentenceSegmenter.StringWord;
                    continue;
                }
            }

            wordIndex[w] = i;
            wordStart[w] = start;
            wordEnd[w] = end;
            wordType[w] = type;
            w++;
        }

        return w;

        static bool IsAscii(byte type) => type is HhmmSentenceSegmenter.StringWord or HhmmSentenceSegmenter.NumberWord;

        static bool IsDigits(ReadOnlySpan<char> text) => text.Length > 0 && !text.ContainsAnyExceptInRange('0', '9');

        static bool Continues(ReadOnlySpan<char> text, int at) => at < text.Length && char.IsAsciiLetterOrDigit(text[at]);
    }

    /// <inheritdoc />
    protected override bool IncrementWord()
    {
        if (next >= count)
        {
            return false;
        }

        var k = next++;
        var i = wordIndex[k];
        ClearAttributes();
        var start = wordStart[k];
        var end = wordEnd[k];
        switch (wordType[k])
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
                SetNormalizedTerm(m_buffer.AsSpan(sentenceStart + start, end - start), wordType[k]);
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
